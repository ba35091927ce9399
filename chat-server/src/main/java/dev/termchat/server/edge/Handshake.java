package dev.termchat.server.edge;

import dev.termchat.protocol.Wire;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.Role;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.Handshakedata;

/**
 * The opening handshake of RFC 6455, section 4.2: the request parsed by Java-WebSocket's HTTP
 * reader, checked here, and answered with 101 or with an HTTP error a person can read.
 */
final class Handshake {
  /** A real handshake is a few hundred bytes; a client still talking past this is not one. */
  static final int MAX_BYTES = 16 * 1024;
  private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** A Host value (RFC 3986's host and port), but for the separators of a list: ; and ,. */
  private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~%!$&'()*+=-]+)(:[0-9]{0,5})?");

  private Handshake() {}

  /** A request that passed the protocol's checks. */
  record Request(ClientHandshake headers, String key, boolean extended) {}

  /** A well-formed GET that asks for no upgrade, for a page: its path, without the query. */
  record PlainGet(String path, String host, boolean forwarded, boolean head) {}

  /**
   * Where the request head ends (just past its blank line) in the bytes from position 0 to the
   * buffer's position, or -1 while it has not ended. A line end without CR ends a line here too,
   * so that a head written with bare LFs is answered (400, by {@link #read}) rather than waited
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
   * Parses and checks a complete request head.
   *
   * @return the request, or the refusal to answer it with
   */
  static Result read(ByteBuffer head) {
    // The request line and the blank line that ends the head are not headers.
    if (lineCount(head) - 2 > MAX_HEADER_LINES) {
      // Java-WebSocket joins repeated headers at a cost that grows with the square of their count.
      return Result.refused(Refusal.tooManyHeaders());
    }
    if (!plainText(head)) {
      // What one reader of a request takes for a line end or the end of a value another may not:
      // the ground request smuggling grows on. RFC 9112 lets a server refuse it.
      return Result.refused(Refusal.badRequest("a request head holds a control character or a line end without CR"));
    }
    if (folded(head)) {
      // RFC 9112, 5.2: a server may refuse obs-fold with 400; said as what it is.
      return Result.refused(Refusal.badRequest("a header folded onto a second line (obs-fold) is not taken"));
    }
    Matcher requestLine = PLAIN_REQUEST_LINE.matcher(firstLine(head));
    if (requestLine.matches() && (requestLine.group(1).equals("HEAD") || requestLine.group(3).equals("0"))) {
      // HEAD, or HTTP/1.0, as health checkers and proxies send: never a WebSocket handshake, which
      // Java-WebSocket's reader, made for those, would not read. Rare, so read here the slow way.
      String[] lines = StandardCharsets.ISO_8859_1.decode(head.duplicate()).toString().split("\r\n", -1);
      boolean asksToUpgrade = header(lines, "Sec-WebSocket-Key") != null
          || String.valueOf(header(lines, "Upgrade")).toLowerCase(Locale.ROOT).contains("websocket");
      if (!asksToUpgrade) {
        Optional<Refusal> malformed = slowPathProblem(lines, requestLine.group(3).equals("1"));
        if (malformed.isPresent()) {
          return Result.refused(malformed.get());
        }
        boolean headOnly = requestLine.group(1).equals("HEAD");
        return plain(requestLine.group(2), header(lines, "Host"), forwarded(name -> header(lines, name) != null), headOnly);
      }
    }
    // The method and the version are case-sensitive (RFC 9110); Java-WebSocket's reader takes
    // "get" and "http/1.1" too.
    if (!startsWith(head, "GET ") || !requestLine.matches()) {
      return Result.refused(Refusal.badRequest("not an HTTP/1.1 GET request"));
    }
    Handshakedata parsed;
    try {
      parsed = Draft.translateHandshakeHttp(head, Role.SERVER);
    } catch (InvalidHandshakeException | RuntimeException e) {
      // The library also throws unchecked exceptions on a head it cannot read.
      return Result.refused(Refusal.badRequest("not an HTTP/1.1 GET request"));
    }
    if (!(parsed instanceof ClientHandshake request)) {
      return Result.refused(Refusal.badRequest("not an HTTP/1.1 GET request"));
    }
    String host = request.getFieldValue("Host").strip();
    if (host.isEmpty()) {
      // RFC 9112, 3.2: an HTTP/1.1 request without Host is answered with 400, as is one with two
      // (Java-WebSocket joins them with "; ") or with one that is no host.
      return Result.refused(Refusal.badRequest("an HTTP/1.1 request needs a Host header"));
    }
    if (!HOST.matcher(host).matches()) {
      return Result.refused(Refusal.badRequest("the Host header must name one host, and a port if any"));
    }
    boolean upgrade = hasToken(request, "Upgrade", "websocket") || request.hasFieldValue("Sec-WebSocket-Key");
    if (!(request.getResourceDescriptor().startsWith("/") || (!upgrade && isAbsolute(request.getResourceDescriptor())))
        || !headerNamesAreTokens(request)) {
      return Result.refused(Refusal.badRequest("not an HTTP/1.1 GET request"));
    }
    // An upgrade to something else (Java's HTTP client offers h2c) is a plain request too.
    if (!upgrade) {
      return plain(request.getResourceDescriptor(), request.getFieldValue("Host").strip(), forwarded(request::hasFieldValue), false);
    }
    if (!hasToken(request, "Upgrade", "websocket") || !hasToken(request, "Connection", "upgrade")) {
      return Result.refused(Refusal.notWebSocket());
    }
    if (request.hasFieldValue("Content-Length") || request.hasFieldValue("Transfer-Encoding")) {
      // A body would be read by a proxy in front as the request's and by this server as frames.
      return Result.refused(Refusal.badRequest("a WebSocket handshake has no body"));
    }
    if (!"13".equals(request.getFieldValue("Sec-WebSocket-Version").strip())) {
      return Result.refused(Refusal.wrongVersion());
    }
    String key = request.getFieldValue("Sec-WebSocket-Key").strip();
    if (!isValidKey(key)) {
      return Result.refused(Refusal.badRequest("Sec-WebSocket-Key must be 16 bytes in base64"));
    }
    boolean extended = offersSubprotocol(request, Wire.SUBPROTOCOL);
    return new Result(Optional.of(new Request(request, key, extended)), Optional.empty(), Optional.empty());
  }

  /**
   * The headers by which a proxy says whom it passes a request on for: the standard one, and
   * those that proxies and CDNs set (nginx's X-Real-IP, Cloudflare's, Akamai's). Any of them
   * means the peer is not the one asking.
   */
  static final List<String> PROXY_HEADERS =
      List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP");

  /** Whether a proxy passed the request on, by whether any of its headers is present. */
  private static boolean forwarded(Predicate<String> present) {
    return PROXY_HEADERS.stream().anyMatch(present);
  }

  /** The most header lines a request may have: a real one has about a dozen. */
  static final int MAX_HEADER_LINES = 100;
  private static final Pattern PLAIN_REQUEST_LINE = Pattern.compile("(GET|HEAD) (\\S+) HTTP/1\\.([01])");

  /** A request for a page: its path, from the origin or the absolute form, without the query. */
  private static Result plain(String target, String host, boolean forwarded, boolean head) {
    String path = target;
    if (isAbsolute(target)) {
      try {
        path = java.net.URI.create(target).getRawPath();
      } catch (IllegalArgumentException e) {
        return Result.refused(Refusal.badRequest("not a request target"));
      }
      path = path == null || path.isEmpty() ? "/" : path;
    }
    int query = path.indexOf('?');
    return new Result(
        Optional.empty(),
        Optional.empty(),
        Optional.of(new PlainGet(query < 0 ? path : path.substring(0, query), host == null ? "" : host.strip(), forwarded, head)));
  }

  private static boolean isAbsolute(String target) {
    return target.startsWith("http://") || target.startsWith("https://");
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
  private static String firstLine(ByteBuffer head) {
    int end = head.position();
    while (end < head.limit() && head.get(end) != '\r' && head.get(end) != '\n') {
      end++;
    }
    byte[] line = new byte[end - head.position()];
    head.duplicate().get(line);
    return new String(line, StandardCharsets.ISO_8859_1);
  }

  /** A header's value, by its name in any case, or null. */
  private static String header(String[] lines, String name) {
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
  private static Optional<Refusal> slowPathProblem(String[] lines, boolean http11) {
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0 || !TOKEN.matcher(lines[i].substring(0, colon)).matches()) {
        return Optional.of(Refusal.badRequest("not an HTTP/1.1 GET request"));
      }
    }
    String host = header(lines, "Host");
    if (headers(lines, "Host") > 1) {
      return Optional.of(Refusal.badRequest("the Host header must name one host, and a port if any"));
    }
    if (http11 && (host == null || host.isEmpty())) {
      return Optional.of(Refusal.badRequest("an HTTP/1.1 request needs a Host header"));
    }
    if (host != null && !host.isEmpty() && !HOST.matcher(host).matches()) {
      return Optional.of(Refusal.badRequest("the Host header must name one host, and a port if any"));
    }
    return Optional.empty();
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

  /** A request, or why there is none, or a plain GET. */
  record Result(Optional<Request> request, Optional<Refusal> refusal, Optional<PlainGet> plain) {
    static Result refused(Refusal refusal) {
      return new Result(Optional.empty(), Optional.of(refusal), Optional.empty());
    }
  }

  /** The 101 response: the accept key, and the subprotocol when the extension was agreed. */
  static ByteBuffer accept(Request request) {
    StringBuilder response = new StringBuilder(160);
    response.append("HTTP/1.1 101 Switching Protocols\r\n");
    response.append("Upgrade: websocket\r\n");
    response.append("Connection: Upgrade\r\n");
    response.append("Sec-WebSocket-Accept: ").append(acceptKey(request.key())).append("\r\n");
    if (request.extended()) {
      response.append("Sec-WebSocket-Protocol: ").append(Wire.SUBPROTOCOL).append("\r\n");
    }
    response.append("\r\n");
    return ByteBuffer.wrap(response.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** Base64 of the SHA-1 of the client's key and the protocol's GUID. */
  static String acceptKey(String clientKey) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest((clientKey + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }

  private static boolean isValidKey(String key) {
    try {
      return key.length() == 24 && Base64.getDecoder().decode(key).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean startsWith(ByteBuffer bytes, String prefix) {
    if (bytes.remaining() < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (bytes.get(bytes.position() + i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every header has a name made of the characters RFC 9110 allows in one. */
  private static boolean headerNamesAreTokens(ClientHandshake request) {
    for (Iterator<String> names = request.iterateHttpFields(); names.hasNext(); ) {
      if (!TOKEN.matcher(names.next()).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the client offered this subprotocol, spelled exactly so: subprotocol names are
   * case-sensitive (RFC 6455 §4.1), and a browser fails a handshake whose answer differs from what
   * it offered.
   */
  private static boolean offersSubprotocol(ClientHandshake request, String subprotocol) {
    // Java-WebSocket joins repeated headers with "; ".
    for (String part : request.getFieldValue("Sec-WebSocket-Protocol").split("[,;]")) {
      if (part.strip().equals(subprotocol)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a header lists a token, case-insensitively. Java-WebSocket joins repeated headers
   * with "; ", so both separators count.
   */
  private static boolean hasToken(ClientHandshake request, String header, String token) {
    for (String part : request.getFieldValue(header).split("[,;]")) {
      if (part.strip().toLowerCase(Locale.ROOT).equals(token.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
