package dev.termchat.server.room;

import dev.termchat.protocol.NameKeys;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a ban is on: a name (by its forms, {@link BanNames}, so look-alikes are banned with it), an IP address, or a
 * range of them in CIDR notation, IPv4 or IPv6. Read from text alone, never looked up: an
 * address is parsed only when it is digits, dots and colons, so that every node decides alike.
 *
 * @param text the target as the operator gave it, normalized: the name, or the address or range
 * @param key what tells bans apart: a name's key, or for an address or range its network as a number
 * @param nameForms for a name, the forms that match ({@link BanNames}); empty for an address or range
 * @param bits for an address or range, its prefix length; -1 for a name
 * @param ipv6 for an address or range, whether it is one of IPv6
 */
record BanTarget(String text, String key, Set<String> nameForms, int bits, boolean ipv6) {
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  /** A name, an address or a CIDR range; empty for a range whose address or prefix is no IP's. */
  static Optional<BanTarget> parse(String target) {
    String text = target.strip();
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    Optional<byte[]> address = literal(host);
    if (address.isEmpty()) {
      return slash < 0 && !text.isEmpty()
          ? Optional.of(new BanTarget(text, NameKeys.keyOf(text), BanNames.formsOf(text), -1, false))
          : Optional.empty();
    }
    int width = address.get().length * 8;
    int bits;
    try {
      bits = slash < 0 ? width : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (bits < 0 || bits > width) {
      return Optional.empty();
    }
    BigInteger network = masked(address.get(), bits);
    String shown = slash < 0 ? host : host + "/" + bits;
    return Optional.of(new BanTarget(shown, network.toString(16), Set.of(), bits, width == 128));
  }

  boolean isName() {
    return bits < 0;
  }

  /**
   * Whether a connection under a name of these forms ({@link BanNames}; {@code null} for none
   * yet), from this host, is what the ban is on.
   */
  boolean matches(Set<String> forms, String host) {
    if (isName()) {
      return forms != null && forms.stream().anyMatch(nameForms::contains);
    }
    Optional<byte[]> address = literal(host);
    return address.isPresent()
        && (address.get().length == 16) == ipv6
        && masked(address.get(), bits).toString(16).equals(key);
  }

  /** An IP address written as one, brackets allowed; empty for anything else (never looked up). */
  static Optional<byte[]> literal(String host) {
    String text = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (text.isEmpty() || !IP_LITERAL.matcher(text).matches() || (text.indexOf(':') < 0 && text.chars().filter(c -> c == '.').count() != 3)) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty(); // Digits and dots that make no address: no IP, so no range either.
    }
  }

  private static BigInteger masked(byte[] address, int bits) {
    int width = address.length * 8;
    BigInteger value = new BigInteger(1, address);
    return value.shiftRight(width - bits).shiftLeft(width - bits);
  }
}
