package dev.termchat.server.edge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.regex.Pattern;
import org.java_websocket.handshake.ClientHandshake;

/**
 * The syntax of an HTTP request head, byte by byte and line by line: where it ends, and what makes
 * it one no server should read (RFC 9110, 9112), before {@link Handshake} reads what it asks.
 */
final class HeadSyntax {
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** A Host value (RFC 3986's host and port), but for the separators of a list: ; and ,. */
  private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~%!$&'()*+=-]+)(:[0-9]{0,5})?");
  private static final String ONE_HOST = "the Host header must name one host, and a port if any";

  private HeadSyntax() {}

  /** The most header lines a request may have: a real one has about a dozen. */
  static final int MAX_HEADER_LINES = 100;

  /**
   * Where the request head ends (just past its blank line) in the bytes from position 0 to the
   * buffer's position, or -1 while it has not ended. A line end without CR ends a line here too,
   * so that a head written with bare LFs is answered (400, by {@link #problem}) rather than waited
   * on until the handshake's time is up.
   */
  static int endOfHead(ByteBuffer received, int searchFrom) {
    int end = received.position();
    for (int i = Math.max(0, searchFrom - 2); i + 1 < end; i++) {
      if (received.get(i) != '\n') {
        continue;
      }
      if (received.get(i + 1) == '\n') {
        return i + 2;
      }
      if (i + 2 < end && received.get(i + 1) == '\r' && received.get(i + 2) == '\n') {
        return i + 3;
      }
    }
    return -1;
  }


  /**
   * What is wrong with a whole head before any header is read: too many lines (431), a control
   * character or a line end without CR (400: what one reader takes for the end of a value or a
   * line another may not is the ground request smuggling grows on, and RFC 9112 lets a server
   * refuse it), or a folded header (RFC 9112, 5.2: obs-fold may be refused with 400).
   */
  static Optional<Refusal> problem(ByteBuffer head) {
    // The request line and the blank line that ends the head are not headers. Java-WebSocket
    // joins repeated headers at a cost that grows with the square of their count.
    if (lineCount(head) - 2 > MAX_HEADER_LINES) {
      return Optional.of(Refusal.tooManyHeaders());
    }
    if (!plainText(head)) {
      return Optional.of(Refusal.badRequest("a request head holds a control character or a line end without CR"));
    }
    if (folded(head)) {
      return Optional.of(Refusal.badRequest("a header folded onto a second line (obs-fold) is not taken"));
    }
    return Optional.empty();
  }

  /**
   * What is wrong with a request's Host: RFC 9112, 3.2 answers an HTTP/1.1 request without one
   * with 400, and one with two, or with one that names no host.
   *
   * @param host the value, stripped; empty when there is none
   * @param required whether the request must have one (HTTP/1.1)
   */
  static Optional<Refusal> hostProblem(String host, boolean required) {
    if (host.isEmpty()) {
      return required ? Optional.of(Refusal.badRequest("an HTTP/1.1 request needs a Host header")) : Optional.empty();
    }
    return HOST.matcher(host).matches() ? Optional.empty() : Optional.of(Refusal.badRequest(ONE_HOST));
  }

  /** How many lines the head has, counted on its bytes: every handshake pays for this. */
  private static int lineCount(ByteBuffer head) {
    int lines = 0;
    for (int i = head.position(); i < head.limit(); i++) {
      if (head.get(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }

  /**
   * Whether the head is free of control characters but tab, and of CR and LF but as CRLF: the
   * checks RFC 9112 asks of a field value (no NUL, CR or LF in one) and of a line end.
   */
  private static boolean plainText(ByteBuffer head) {
    for (int i = head.position(); i < head.limit(); i++) {
      byte b = head.get(i);
      boolean lineEnd = b == '\r' && i + 1 < head.limit() && head.get(i + 1) == '\n'
          || b == '\n' && i > head.position() && head.get(i - 1) == '\r';
      if ((b >= 0 && b < 0x20 && b != '\t' && !lineEnd) || b == 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** Whether a line of the head after the first starts with a space or tab: the end of a header before it, folded. */
  private static boolean folded(ByteBuffer head) {
    for (int i = head.position() + 1; i < head.limit(); i++) {
      if (head.get(i - 1) == '\n' && (head.get(i) == ' ' || head.get(i) == '\t')) {
        return true;
      }
    }
    return false;
  }

  /** The request line, without its line end. */
  static String firstLine(ByteBuffer head) {
    int end = head.position();
    while (end < head.limit() && head.get(end) != '\r' && head.get(end) != '\n') {
      end++;
    }
    byte[] line = new byte[end - head.position()];
    head.duplicate().get(line);
    return new String(line, StandardCharsets.ISO_8859_1);
  }

  /** A header's value, by its name in any case, or null. */
  static String header(String[] lines, String name) {
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).equalsIgnoreCase(name)) {
        return lines[i].substring(colon + 1).strip();
      }
    }
    return null;
  }

  /**
   * What is wrong with a HEAD or an HTTP/1.0 request read the slow way, as the library's reader
   * would have found it: a header name that is no token, and for HTTP/1.1 a Host missing or not one.
   */
  static Optional<Refusal> slowPathProblem(String[] lines, boolean http11) {
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0 || !TOKEN.matcher(lines[i].substring(0, colon)).matches()) {
        return Optional.of(Refusal.badRequest("not an HTTP/1.1 GET request"));
      }
    }
    if (headers(lines, "Host") > 1) {
      return Optional.of(Refusal.badRequest(ONE_HOST));
    }
    String host = header(lines, "Host");
    return hostProblem(host == null ? "" : host, http11);
  }

  /** How many headers of this name, in any case, the head has. */
  private static int headers(String[] lines, String name) {
    int count = 0;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).equalsIgnoreCase(name)) {
        count++;
      }
    }
    return count;
  }


  /** Whether every header has a name made of the characters RFC 9110 allows in one. */
  static boolean headerNamesAreTokens(ClientHandshake request) {
    for (Iterator<String> names = request.iterateHttpFields(); names.hasNext(); ) {
      if (!TOKEN.matcher(names.next()).matches()) {
        return false;
      }
    }
    return true;
  }
}
