package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The opening handshake on literal requests, as a client writes them. */
class HandshakeTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  private static Handshake.Result read(String head) {
    return Handshake.read(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static String request(String firstLine, String... headers) {
    StringBuilder request = new StringBuilder(firstLine).append("\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    return request.append("\r\n").toString();
  }

  private static String valid(String... extra) {
    String[] headers = new String[5 + extra.length];
    headers[0] = "Host: 127.0.0.1:8080";
    headers[1] = "Upgrade: websocket";
    headers[2] = "Connection: Upgrade";
    headers[3] = "Sec-WebSocket-Key: " + KEY;
    headers[4] = "Sec-WebSocket-Version: 13";
    System.arraycopy(extra, 0, headers, 5, extra.length);
    return request("GET / HTTP/1.1", headers);
  }

  @Test
  void aValidRequestIsAcceptedWithTheKeyOfRfc6455sExample() {
    Handshake.Request request = read(valid()).request().orElseThrow();
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.acceptKey(request.key()));
    String response = StandardCharsets.US_ASCII.decode(Handshake.accept(request)).toString();
    assertEquals(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
        response);
  }

  @Test
  void theExtensionIsAgreedWhereverTheClientListsIt() {
    assertTrue(read(valid("Sec-WebSocket-Protocol: chat, termchat.v1")).request().orElseThrow().extended());
    assertTrue(
        read(valid("Sec-WebSocket-Protocol: chat", "Sec-WebSocket-Protocol: termchat.v1"))
            .request().orElseThrow().extended());
    assertTrue(!read(valid("Sec-WebSocket-Protocol: termchat.v2")).request().orElseThrow().extended());
    assertTrue(
        !read(valid("Sec-WebSocket-Protocol: TERMCHAT.V1")).request().orElseThrow().extended(),
        "subprotocols are case-sensitive; a browser would fail an answer spelled otherwise");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "get / HTTP/1.1|400",
        "POST / HTTP/1.1|400",
        "GET  HTTP/1.1|400",
        "GET / HTTP/1.0|400",
      })
  void requestLinesThatAreNotAWebSocketGetAreRefused(String firstLine, int status) {
    String head = valid().replace("GET / HTTP/1.1", firstLine);
    assertEquals(status, read(head).refusal().orElseThrow().status());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "X-Null: a\u0000b",
        "X-Escape: \u001b[31m",
        "X-Delete: \u007f",
        "X-Bare-Cr: a\rb",
        "X-Bare-Lf: a\nb",
      })
  void controlCharactersAndLineEndsWithoutCrAreBadRequests(String header) {
    Refusal refusal = read(valid(header)).refusal().orElseThrow();
    assertEquals(400, refusal.status());
    assertEquals("a request head holds a control character or a line end without CR", refusal.reason());
    assertTrue(read(valid("X-Tab: a\tb", "X-Latin: caf\u00e9")).request().isPresent(), "tab and bytes past ASCII are allowed");
  }

  @Test
  void anHttp11RequestWithoutHostIsABadRequest() {
    Refusal upgrade = read(valid().replace("Host: 127.0.0.1:8080\r\n", "")).refusal().orElseThrow();
    assertEquals(400, upgrade.status());
    assertEquals("an HTTP/1.1 request needs a Host header", upgrade.reason());
    assertEquals(400, read(valid().replace("Host: 127.0.0.1:8080", "Host: ")).refusal().orElseThrow().status());
    assertEquals(400, read(request("GET /healthz HTTP/1.1", "Accept: */*")).refusal().orElseThrow().status());
    assertTrue(read(request("GET /healthz HTTP/1.0", "Accept: */*")).plain().isPresent(), "HTTP/1.0 has no Host");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Content-Length: 5", "Content-Length: 0", "Transfer-Encoding: chunked"})
  void aHandshakeWithABodyIsABadRequest(String header) {
    Refusal refusal = read(valid(header)).refusal().orElseThrow();
    assertEquals(400, refusal.status());
    assertEquals("a WebSocket handshake has no body", refusal.reason());
  }

  @Test
  void badKeysAndHeadersAreBadRequests() {
    assertEquals(400, read(valid().replace(KEY, "dGhlIHNhbXBsZSBub25jZQ")).refusal().orElseThrow().status());
    assertEquals(400, read(valid().replace(KEY, "c2hvcnQ=")).refusal().orElseThrow().status());
    assertEquals(400, read(valid(": no name")).refusal().orElseThrow().status());
    assertEquals(400, read(valid("Bad Name: x")).refusal().orElseThrow().status());
  }

  @Test
  void aRequestForAPageIsAPlainGetAndABrokenUpgradeIsToldWhatThisIs() {
    assertEquals("/healthz", read(request("GET /healthz?probe=1 HTTP/1.1", "Host: x")).plain().orElseThrow().path());
    assertEquals(
        "/", read(request("GET / HTTP/1.1", "Host: x", "Connection: Upgrade, HTTP2-Settings", "Upgrade: h2c")).plain().orElseThrow().path(),
        "an upgrade to something else is a plain request");
    Refusal broken = read(request("GET / HTTP/1.1", "Host: x", "Upgrade: websocket")).refusal().orElseThrow();
    assertEquals(426, broken.status());
    assertEquals("this is a WebSocket chat server; connect with a chat client", broken.reason());
    assertEquals(426, read(valid().replace("Version: 13", "Version: 8")).refusal().orElseThrow().status());
  }

  @Test
  void healthCheckersAndProxiesAreAnswered() {
    assertEquals(new Handshake.PlainGet("/healthz", "x", false, false), read(request("GET /healthz HTTP/1.0", "Host: x")).plain().orElseThrow());
    assertEquals(new Handshake.PlainGet("/", "x", false, true), read(request("HEAD / HTTP/1.1", "Host: x")).plain().orElseThrow());
    assertEquals(
        new Handshake.PlainGet("/metrics", "x", true, false),
        read(request("GET http://x:8080/metrics?a=1 HTTP/1.1", "Host: x", "X-Forwarded-For: 203.0.113.9")).plain().orElseThrow(),
        "the absolute form, and a proxy's word");
  }

  @Test
  void everyHeaderByWhichAProxySaysWhomItPassesARequestOnForMarksItForwarded() {
    for (String header : Handshake.PROXY_HEADERS) {
      for (String requestLine : new String[] {"GET /metrics HTTP/1.1", "GET /metrics HTTP/1.0", "HEAD /metrics HTTP/1.1"}) {
        assertTrue(read(request(requestLine, "Host: x", header.toLowerCase(java.util.Locale.ROOT) + ": 203.0.113.9")).plain().orElseThrow().forwarded(), requestLine + " " + header);
      }
    }
    assertFalse(read(request("GET /metrics HTTP/1.0", "Host: x")).plain().orElseThrow().forwarded());
  }

  @Test
  void aHeadOfTooManyLinesIsRefusedBeforeItIsParsed() {
    String[] extra = new String[HeadSyntax.MAX_HEADER_LINES - 5];
    java.util.Arrays.fill(extra, "a: b");
    assertTrue(read(valid(extra)).request().isPresent(), "100 header lines are taken");
    String[] more = java.util.Arrays.copyOf(extra, extra.length + 1);
    more[extra.length] = "a: b";
    assertEquals(431, read(valid(more)).refusal().orElseThrow().status());
  }

  @Test
  void aHeadOfBareLineFeedsEndsAtItsBlankLineAndIsABadRequest() {
    String bare = valid().replace("\r\n", "\n");
    ByteBuffer received = ByteBuffer.allocate(512);
    received.put((bare + "next").getBytes(StandardCharsets.US_ASCII));
    assertEquals(bare.length(), HeadSyntax.endOfHead(received, 0));
    assertEquals(400, read(bare).refusal().orElseThrow().status());
    ByteBuffer mixed = ByteBuffer.allocate(512);
    mixed.put("GET / HTTP/1.1\r\nHost: x\r\n\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(mixed.position(), HeadSyntax.endOfHead(mixed, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:8080\r\nHost: evil", "a b", "x, y", "x;y", "x:80:80", "x:port"})
  void twoHostsOrOneThatIsNoHostIsABadRequest(String host) {
    Refusal refusal = read(valid().replace("127.0.0.1:8080", host)).refusal().orElseThrow();
    assertEquals(400, refusal.status(), host);
    assertEquals("the Host header must name one host, and a port if any", refusal.reason());
    for (String good : new String[] {"localhost", "chat.example.com:443", "[::1]:8080", "192.0.2.1"}) {
      assertTrue(read(valid().replace("127.0.0.1:8080", good)).request().isPresent(), good);
    }
  }

  @Test
  void headAndHttp10RequestsAreHeldToTheSameRules() {
    assertEquals(400, read(request("HEAD /healthz HTTP/1.1", "Accept: */*")).refusal().orElseThrow().status());
    assertTrue(read(request("HEAD /healthz HTTP/1.1", "Host: x")).plain().isPresent());
    assertEquals(400, read(request("HEAD /healthz HTTP/1.1", "Host: x", "Accept: */*", "host: y")).refusal().orElseThrow().status());
    assertEquals(400, read(request("GET /healthz HTTP/1.0", "X Y: a")).refusal().orElseThrow().status());
    assertEquals(400, read(request("GET /healthz HTTP/1.0", "Host: a b")).refusal().orElseThrow().status());
    assertEquals(400, read(valid().replace("GET / HTTP/1.1", "GET / http/1.1")).refusal().orElseThrow().status());
  }

  @Test
  void aFoldedHeaderIsABadRequestThatSaysSo() {
    Refusal refusal = read(valid("X-Long: a", " continued")).refusal().orElseThrow();
    assertEquals(400, refusal.status());
    assertEquals("a header folded onto a second line (obs-fold) is not taken", refusal.reason());
  }

  @Test
  void theEndOfTheHeadIsFoundWhereverTheBytesSplit() {
    ByteBuffer received = ByteBuffer.allocate(64);
    received.put("GET / HTTP/1.1\r\nHost: x\r\n\r".getBytes(StandardCharsets.US_ASCII));
    assertEquals(-1, HeadSyntax.endOfHead(received, 0));
    int searched = received.position();
    received.put("\nnext".getBytes(StandardCharsets.US_ASCII));
    assertEquals(searched + 1, HeadSyntax.endOfHead(received, searched));
  }
}
