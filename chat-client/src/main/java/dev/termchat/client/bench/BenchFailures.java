package dev.termchat.client.bench;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/** Why a bench connection failed, in words for the person running it. */
final class BenchFailures {
  private BenchFailures() {}

  static String describe(Exception e) {
    if (e instanceof ConnectException) {
      return "connection refused (is the server running?)";
    }
    if (e instanceof UnresolvedAddressException || e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof SocketException && "Connection reset".equals(e.getMessage())) {
      return "the server reset the connection";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** A close frame from the server: its code and reason. */
  static String closedBy(byte[] bytes, int offset, int length) {
    if (length < 2) {
      return "the server closed the connection";
    }
    int code = ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    String reason = new String(bytes, offset + 2, length - 2, java.nio.charset.StandardCharsets.UTF_8);
    return "the server closed the connection with " + code + (reason.isEmpty() ? "" : " " + reason);
  }
}
