package dev.termchat.server.edge;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A peer's address as people read it: {@code 127.0.0.1:49123}, {@code [::1]:49123}. */
final class Addresses {
  private Addresses() {}

  static String hostAndPort(InetSocketAddress peer) {
    if (peer == null) {
      return "unknown";
    }
    InetAddress address = peer.getAddress();
    String host;
    if (address instanceof Inet6Address v6) {
      host = "[" + compact(v6) + "]";
    } else {
      host = address == null ? peer.getHostString() : address.getHostAddress();
    }
    return host + ":" + peer.getPort();
  }

  /**
   * RFC 5952's text form: lower-case groups without leading zeros, the longest run of two or more
   * zero groups (the first, on a tie) as {@code ::}, and no zone.
   */
  static String compact(Inet6Address address) {
    byte[] bytes = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    StringBuilder text = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}
