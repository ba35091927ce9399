package dev.termchat.server.edge;

import dev.termchat.protocol.Wire;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
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

  private Handshake() {}

  /** A request that passed the protocol's checks. */
  record Request(ClientHandshake headers, String key, boolean extended) {}

  /** A well-formed GET that asks for no upgrade, for a page: its path, without the query. */
  record PlainGet(String path, String host, boolean forwarded, boolean head) {}

  /**
   * Parses and checks a complete request head.
   *
   * @return the request, or the refusal to answer it with
   */
  static Result read(ByteBuffer head) {
    Optional<Refusal> malformedHead = HeadSyntax.problem(head);
    if (malformedHead.isPresent()) {
      return Result.refused(malformedHead.get());
    }
    Matcher requestLine = PLAIN_REQUEST_LINE.matcher(HeadSyntax.firstLine(head));
    if (requestLine.matches() && (requestLine.group(1).equals("HEAD") || requestLine.group(3).equals("0"))) {
      // HEAD, or HTTP/1.0, as health checkers and proxies send: never a WebSocket handshake, which
      // Java-WebSocket's reader, made for those, would not read. Rare, so read here the slow way.
      String[] lines = StandardCharsets.ISO_8859_1.decode(head.duplicate()).toString().split("\r\n", -1);
      boolean asksToUpgrade = HeadSyntax.header(lines, "Sec-WebSocket-Key") != null
          || String.valueOf(HeadSyntax.header(lines, "Upgrade")).toLowerCase(Locale.ROOT).contains("websocket");
      if (!asksToUpgrade) {
        Optional<Refusal> malformed = HeadSyntax.slowPathProblem(lines, requestLine.group(3).equals("1"));
        if (malformed.isPresent()) {
          return Result.refused(malformed.get());
        }
        boolean headOnly = requestLine.group(1).equals("HEAD");
        return plain(requestLine.group(2), HeadSyntax.header(lines, "Host"), forwarded(name -> HeadSyntax.header(lines, name) != null), headOnly);
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
    // Java-WebSocket joins two Host headers with "; ", which is no host.
    Optional<Refusal> noHost = HeadSyntax.hostProblem(request.getFieldValue("Host").strip(), true);
    if (noHost.isPresent()) {
      return Result.refused(noHost.get());
    }
    boolean upgrade = hasToken(request, "Upgrade", "websocket") || request.hasFieldValue("Sec-WebSocket-Key");
    if (!(request.getResourceDescriptor().startsWith("/") || (!upgrade && isAbsolute(request.getResourceDescriptor())))
        || !HeadSyntax.headerNamesAreTokens(request)) {
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
