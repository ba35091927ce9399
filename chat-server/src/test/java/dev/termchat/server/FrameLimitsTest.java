package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Frames a client may not send, and the close codes they get, on real connections. */
class FrameLimitsTest {
  private static final int LIMIT = ServerConfig.DEFAULT_MAX_FRAME_BYTES;

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private RawWebSocket raw() throws Exception {
    RawWebSocket raw = RawWebSocket.connect(chat.uri(), Map.of());
    assertEquals(101, raw.status());
    return raw;
  }

  @Test
  void anOversizeFrameClosesWith1009AndOthersCarryOn() throws Exception {
    WebSocketRecorder alice = chat.connect();
    register(alice, "alice");
    WebSocketRecorder big = chat.connect();
    register(big, "big");
    alice.nextFrame(Users.class);

    big.send(new SendMessage("x".repeat(LIMIT + 1)));

    big.nextClose(CloseFrame.TOOBIG);
    assertEquals(new Users(List.of("alice")), alice.nextFrame(Users.class));
    alice.send(new SendMessage("still here"));
    assertEquals("still here", alice.nextFrame(ChatMessage.class).message());
  }

  @Test
  void aHeaderClaimingTwoGigabytesClosesWith1009WithoutWaitingForThePayload() throws Exception {
    try (RawWebSocket raw = raw()) {
      ByteBuffer header = ByteBuffer.allocate(14);
      header.put((byte) 0x81).put((byte) (0x80 | 127)).putLong(Integer.MAX_VALUE).putInt(0x12345678);
      raw.sendRaw(header.array());
      assertEquals(CloseFrame.TOOBIG, raw.awaitClose());
    }
  }

  @Test
  void fragmentsCountAsOneMessageAndCloseWith1009OnceTheyPassTheLimit() throws Exception {
    try (RawWebSocket raw = raw()) {
      byte[] third = new byte[LIMIT / 3 + 1];
      java.util.Arrays.fill(third, (byte) 'x');
      raw.sendFrame(false, RawWebSocket.TEXT, third);
      raw.sendFrame(false, RawWebSocket.CONTINUATION, third);
      raw.sendFrame(false, RawWebSocket.CONTINUATION, third);
      assertEquals(CloseFrame.TOOBIG, raw.awaitClose());
    }
  }

  @Test
  void aFragmentedMessageUnderTheLimitIsOneMessage() throws Exception {
    WebSocketRecorder alice = chat.connect();
    register(alice, "alice");
    try (RawWebSocket raw = raw()) {
      String register = "{\"messageType\":\"register\",\"data\":\"frag\"}";
      raw.sendFrame(false, RawWebSocket.TEXT, register.substring(0, 10).getBytes(StandardCharsets.UTF_8));
      raw.sendFrame(false, RawWebSocket.CONTINUATION, register.substring(10, 20).getBytes(StandardCharsets.UTF_8));
      raw.sendFrame(true, RawWebSocket.CONTINUATION, register.substring(20).getBytes(StandardCharsets.UTF_8));
      assertEquals("{\"messageType\":\"register\",\"data\":\"frag\"}", raw.readText());
      assertEquals(new Users(List.of("alice", "frag")), alice.nextFrame(Users.class));
    }
  }

  @Test
  void aBinaryFrameClosesWith1003() throws Exception {
    WebSocketRecorder client = chat.connect();
    client.send(new byte[] {1, 2, 3});
    client.nextClose(CloseFrame.REFUSE);
  }

  @Test
  void textThatIsNotUtf8ClosesWith1007() throws Exception {
    try (RawWebSocket raw = raw()) {
      raw.sendFrame(true, RawWebSocket.TEXT, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
      assertEquals(CloseFrame.NO_UTF8, raw.awaitClose());
    }
  }

  @Test
  void anUnmaskedFrameClosesWith1002AndIsNotBroadcast() throws Exception {
    WebSocketRecorder alice = chat.connect();
    register(alice, "alice");
    try (RawWebSocket raw = raw()) {
      String register = "{\"messageType\":\"register\",\"data\":\"unmasked\"}";
      raw.sendRaw(RawWebSocket.unmaskedFrame(true, RawWebSocket.TEXT, register.getBytes(StandardCharsets.UTF_8)));
      assertEquals(CloseFrame.PROTOCOL_ERROR, raw.awaitClose());
    }
    alice.send(new SendMessage("anyone there?"));
    assertEquals("anyone there?", alice.nextFrame(ChatMessage.class).message());
    assertEquals(List.of("alice"), chat.server().users());
  }

  @Test
  void aCloseReasonThatIsNotUtf8Gets1007AndTheRegisterBeforeItInThePacketCounts() throws Exception {
    WebSocketRecorder alice = chat.connectExtended();
    alice.nextFrame(Welcome.class);
    register(alice, "alice");
    try (RawWebSocket raw = raw()) {
      byte[] register =
          RawWebSocket.frame(true, RawWebSocket.TEXT,
              "{\"messageType\":\"register\",\"data\":\"brief\"}".getBytes(StandardCharsets.UTF_8));
      byte[] close = RawWebSocket.frame(true, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8, (byte) 0xC3, 0x28});
      byte[] packet = java.util.Arrays.copyOf(register, register.length + close.length);
      System.arraycopy(close, 0, packet, register.length, close.length);
      raw.sendRaw(packet);

      // The register reply comes from the room, and may or may not beat the close frame out.
      assertEquals(CloseFrame.NO_UTF8, raw.awaitClose());
    }
    // Who came and went, in order, however the users lists between were coalesced.
    List<Presence> presence = new java.util.ArrayList<>();
    while (presence.size() < 2) {
      if (alice.nextServerFrame() instanceof Presence change) {
        presence.add(change);
      }
    }
    assertEquals(List.of(Presence.joined(List.of("brief")), Presence.left(List.of("brief"))), presence);
  }

  @Test
  void anEndlessHandshakeIsCutOff() throws Exception {
    try (java.net.Socket socket = RawWebSocket.tcp(chat.uri(), 0)) {
      java.io.OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] header = ("X-Padding: " + "p".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      try {
        for (int i = 0; i < 100; i++) {
          out.write(header);
        }
      } catch (java.io.IOException e) {
        // The server may reset the connection while this is still writing; that is the point.
      }
      // Fails on the socket's read timeout should the server keep the connection.
      assertConnectionEnds(socket);
    }
  }

  private static void assertConnectionEnds(java.net.Socket socket) throws java.io.IOException {
    try {
      java.io.InputStream in = socket.getInputStream();
      while (in.read() >= 0) {
        // Whatever the server says before it closes does not matter here.
      }
    } catch (java.net.SocketException reset) {
      // A reset ends it too.
    } catch (java.net.SocketTimeoutException stillOpen) {
      throw new AssertionError("the server kept a connection that sent an endless handshake", stillOpen);
    }
  }
}
