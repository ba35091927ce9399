package dev.termchat.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The server's HTTP answer in place of the WebSocket upgrade, as it came: its status, its
 * {@code Retry-After} and its one-line body, which say more than the status alone (a 429 is too
 * many connections from the address, or too many wrong server passwords from it).
 */
final class HandshakeRefusal extends Exception {
  private static final long serialVersionUID = 1L;
  /** More than any refusal the server writes: a body past it is not read. */
  private static final int MOST_READ = 4096;

  private final String status;
  private final OptionalLong retryAfterSeconds;
  private final String body;

  private HandshakeRefusal(String statusLine, String status, OptionalLong retryAfterSeconds, String body) {
    super(statusLine, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.body = body;
  }

  /** The answer at the start of these bytes, when it is an HTTP answer other than 101. */
  static Optional<HandshakeRefusal> read(ByteBuffer answer) {
    byte[] bytes = new byte[Math.min(answer.remaining(), MOST_READ)];
    answer.get(bytes);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int lineEnd = text.indexOf("\r\n");
    if (!text.startsWith("HTTP/") || lineEnd < 0) {
      return Optional.empty();
    }
    String statusLine = text.substring(0, lineEnd);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || parts[1].equals("101")) {
      return Optional.empty();
    }
    int headersEnd = text.indexOf("\r\n\r\n", lineEnd);
    String headers = text.substring(lineEnd + 2, headersEnd < 0 ? text.length() : headersEnd);
    String body = headersEnd < 0 ? "" : text.substring(headersEnd + 4).strip();
    OptionalLong retryAfter = OptionalLong.empty();
    for (String header : headers.split("\r\n")) {
      int colon = header.indexOf(':');
      if (colon > 0 && header.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("retry-after")) {
        try {
          retryAfter = OptionalLong.of(Long.parseLong(header.substring(colon + 1).strip()));
        } catch (NumberFormatException e) {
          retryAfter = OptionalLong.empty(); // An HTTP date, which this server never sends: no figure to give.
        }
      }
    }
    return Optional.of(new HandshakeRefusal(statusLine, parts[1], retryAfter, body));
  }

  /** The status line, as {@code HTTP/1.1 429 Too Many Requests}. */
  String statusLine() {
    return getMessage();
  }

  String status() {
    return status;
  }

  OptionalLong retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The body, the server's reason in a line; empty when none came with the head. */
  String body() {
    return body;
  }
}
