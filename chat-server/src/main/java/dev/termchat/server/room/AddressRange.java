package dev.termchat.server.room;

import java.util.regex.Pattern;

/**
 * The network an address is in, by which the room bounds what one network may do: its /24 for
 * IPv4, its /64 for IPv6, where one host typically has a whole /64 to pick addresses from. Read
 * from the text the events carry ({@code 203.0.113.5:4000}, {@code [2001:db8::1]:4000}), never
 * looked up, so that every node applying the log decides alike. Text that is no IP address (a
 * peer the edge could not name) is a range of its own.
 */
public final class AddressRange {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final int IPV6_GROUPS = 8;
  private static final int IPV6_RANGE_GROUPS = 4;

  private AddressRange() {}

  /** The IP address of {@code address:port}. */
  public static String hostOf(String address) {
    int colon = address.lastIndexOf(':');
    return colon > 0 && address.indexOf(']') < colon ? address.substring(0, colon) : address;
  }

  /** The /24 or /64 the host is in, as text: {@code 203.0.113.0/24}, {@code 2001:db8:0:0::/64}. */
  public static String rangeOf(String host) {
    if (IPV4.matcher(host).matches()) {
      return host.substring(0, host.lastIndexOf('.')) + ".0/24";
    }
    String[] groups = ipv6Groups(host);
    if (groups == null) {
      return host;
    }
    StringBuilder range = new StringBuilder();
    for (int i = 0; i < IPV6_RANGE_GROUPS; i++) {
      range.append(Integer.toHexString(Integer.parseInt(groups[i], 16))).append(':');
    }
    return range.append(":/64").toString();
  }

  /**
   * The range of the host that a bound per range counts, or {@code null} for this machine's
   * addresses when loopback is exempt (behind a proxy on it, every client comes from there).
   */
  public static String countedRange(String host, boolean limitLoopback) {
    return !limitLoopback && isLoopback(host) ? null : rangeOf(host);
  }

  /** Whether the host is this machine: 127.0.0.0/8 or ::1. */
  public static boolean isLoopback(String host) {
    if (IPV4.matcher(host).matches()) {
      return host.startsWith("127.");
    }
    String[] groups = ipv6Groups(host);
    if (groups == null) {
      return false;
    }
    for (int i = 0; i < IPV6_GROUPS - 1; i++) {
      if (Integer.parseInt(groups[i], 16) != 0) {
        return false;
      }
    }
    return Integer.parseInt(groups[IPV6_GROUPS - 1], 16) == 1;
  }

  /** The eight groups of an IPv6 address, brackets and {@code ::} undone; null if it is not one. */
  private static String[] ipv6Groups(String host) {
    String text = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (text.indexOf(':') < 0 || !text.matches("[0-9a-fA-F:]+")) {
      return null;
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String[] head = gap < 0 ? text.split(":", -1) : split(text.substring(0, gap));
    String[] tail = gap < 0 ? new String[0] : split(text.substring(gap + 2));
    int missing = IPV6_GROUPS - head.length - tail.length;
    if (gap < 0 ? missing != 0 : missing < 1) {
      return null;
    }
    String[] groups = new String[IPV6_GROUPS];
    for (int i = 0; i < IPV6_GROUPS; i++) {
      String group = i < head.length ? head[i] : i < head.length + missing ? "0" : tail[i - head.length - missing];
      if (group.isEmpty() || group.length() > 4) {
        return null;
      }
      groups[i] = group;
    }
    return groups;
  }

  private static String[] split(String groups) {
    return groups.isEmpty() ? new String[0] : groups.split(":", -1);
  }
}
