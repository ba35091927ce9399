package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handshake stage: bytes of a request in, as they arrive, and an outcome out. */
class HandshakeReaderTest {
  private final EdgeStage stage = new EdgeStage(EdgeStage.settings(1));
  private final HandshakeReader reader = newReader();

  @AfterEach
  void closeRoom() {
    stage.close();
  }

  private HandshakeReader newReader() {
    return new HandshakeReader(stage.context, () -> {}, InetAddress.getLoopbackAddress(), "127.0.0.1:40000");
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String text(ByteBuffer bytes) {
    return StandardCharsets.ISO_8859_1.decode(bytes.duplicate()).toString();
  }

  @Test
  void aRequestInPiecesNeedsMoreUntilWholeThenOpensWithTheFramesBehindIt() {
    String request = EdgeStage.UPGRADE;
    assertInstanceOf(HandshakeReader.NeedMore.class, reader.read(bytes(request.substring(0, 20))));
    assertInstanceOf(HandshakeReader.NeedMore.class, reader.read(bytes(request.substring(20, request.length() - 1))));
    HandshakeReader.Outcome outcome = reader.read(bytes("\n\u0089\u0080\0\0\0\0"));
    HandshakeReader.Open open = assertInstanceOf(HandshakeReader.Open.class, outcome);
    assertEquals(EdgeStage.KEY, open.request().key());
    assertEquals("\u0089\u0080\0\0\0\0", text(open.rest()), "a ping right behind the request, left for the frame reader");
  }

  @Test
  void aTlsClientHelloAtAPlainPortIsDroppedAtOnce() {
    HandshakeReader.Drop drop = assertInstanceOf(HandshakeReader.Drop.class, reader.read(bytes("\u0016\u0003\u0001\u0002\u0000")));
    assertEquals("a TLS handshake on a plain port", drop.why());
  }

  @Test
  void aMalformedRequestIsRefusedWithItsHttpAnswer() {
    HandshakeReader.Answer answer = assertInstanceOf(HandshakeReader.Answer.class, reader.read(bytes("POST / HTTP/1.1\r\nHost: x\r\n\r\n")));
    assertEquals(400, answer.status());
    String response = text(answer.response());
    assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
    assertTrue(response.endsWith("\r\n\r\nnot an HTTP/1.1 GET request\n"), response);
    assertEquals("http-400", stage.refusals.get(0));
  }

  @Test
  void aPlainGetIsAnsweredWithItsPageOrToldToUpgrade() {
    HandshakeReader.Answer page = assertInstanceOf(HandshakeReader.Answer.class, reader.read(bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")));
    assertEquals(200, page.status());
    assertTrue(text(page.response()).startsWith("HTTP/1.1 200 OK\r\n"));
    assertTrue(text(page.response()).endsWith("\r\n\r\nok\n"));

    HandshakeReader.Answer none = assertInstanceOf(HandshakeReader.Answer.class, newReader().read(bytes("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n")));
    assertEquals(426, none.status());
    assertTrue(text(none.response()).startsWith("HTTP/1.1 426 Upgrade Required\r\n"));
  }

  @Test
  void pastTheConnectionCapARequestIsRefusedUntilAPlaceIsGivenBack() {
    assertInstanceOf(HandshakeReader.Open.class, reader.read(bytes(EdgeStage.UPGRADE)));
    HandshakeReader.Answer full = assertInstanceOf(HandshakeReader.Answer.class, newReader().read(bytes(EdgeStage.UPGRADE)));
    assertEquals(503, full.status());
    assertTrue(text(full.response()).contains("the server is full (1 connections)"));

    reader.released();
    assertInstanceOf(HandshakeReader.Open.class, newReader().read(bytes(EdgeStage.UPGRADE)));
  }

  @Test
  void aRequestPastItsSizeIsAnswered431() {
    String endless = "GET / HTTP/1.1\r\nX: " + "a".repeat(Handshake.MAX_BYTES);
    HandshakeReader.Answer answer = assertInstanceOf(HandshakeReader.Answer.class, reader.read(bytes(endless)));
    assertEquals(431, answer.status());
    assertTrue(text(answer.response()).contains("a request head is at most 16 KB"), text(answer.response()));
  }
}
