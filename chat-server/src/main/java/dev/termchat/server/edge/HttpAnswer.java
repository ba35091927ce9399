package dev.termchat.server.edge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A plain HTTP response, written whole, after which the connection closes: the server's few
 * pages and its refusals of handshakes.
 *
 * @param headers extra header lines, {@code Name: value}
 */
public record HttpAnswer(int status, String statusText, String contentType, List<String> headers, byte[] body) {
  public HttpAnswer {
    headers = List.copyOf(headers);
  }

  public static HttpAnswer ok(String contentType, byte[] body, List<String> headers) {
    return new HttpAnswer(200, "OK", contentType, headers, body);
  }

  /** Plain text for a person, with a line end. */
  public static HttpAnswer text(int status, String statusText, String text, List<String> headers) {
    return new HttpAnswer(status, statusText, "text/plain; charset=utf-8", headers, (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The status line and headers alone, as the answer to a HEAD request. */
  ByteBuffer headBytes() {
    ByteBuffer whole = bytes();
    return whole.limit(whole.limit() - body.length);
  }

  /** The status line, headers and body, as they go on the wire. */
  ByteBuffer bytes() {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(status).append(' ').append(statusText).append("\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("Content-Type: ").append(contentType).append("\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    head.append("Connection: close\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).flip();
  }
}
