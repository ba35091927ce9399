package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.WebSocketRecorder;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Peers that stop answering, and sockets that never become WebSockets, are closed in time. */
class LivenessTest {
  @RegisterExtension
  final ChatFixture chat =
      new ChatFixture(
          config ->
              config
                  .pingInterval(Duration.ofSeconds(1))
                  .handshakeTimeout(Duration.ofSeconds(1))
                  .registrationTimeout(Duration.ofSeconds(2)));

  @Test
  void aPeerThatFreezesIsNoticedAndRemovedWhileALiveOneStays() throws Exception {
    WebSocketRecorder alive = chat.connect();
    register(alive, "alive");
    try (RawWebSocket frozen = RawWebSocket.connect(chat.uri(), Map.of())) {
      frozen.sendText("{\"messageType\":\"register\",\"data\":\"frozen\"}");
      assertEquals(new Users(List.of("alive", "frozen")), alive.nextFrame(Users.class));

      // frozen now neither reads nor answers pings, like a peer whose machine hung.
      assertEquals(new Users(List.of("alive")), alive.nextFrame(Users.class));
    }
    alive.send(new SendMessage("still here"));
    assertEquals("still here", alive.nextFrame(ChatMessage.class).message());
  }

  @Test
  void aConnectionThatAnswersPingsButNeverRegistersIsClosedWith1008() throws Exception {
    try (RawWebSocket idle = RawWebSocket.connect(chat.uri(), Map.of())) {
      assertEquals(CloseFrame.POLICY_VALIDATION, idle.awaitCloseAnsweringPings());
    }
    await().until(() -> chat.server().openSockets() == 0);
  }

  @Test
  void aSocketThatSendsNothingIsClosed() throws Exception {
    try (Socket silent = RawWebSocket.tcp(chat.uri(), 0)) {
      assertEquals(-1, silent.getInputStream().read());
    }
    await().until(() -> chat.server().openSockets() == 0);
  }

  @Test
  void aHandshakeThatStopsHalfwayIsClosed() throws Exception {
    try (Socket slow = RawWebSocket.tcp(chat.uri(), 0)) {
      slow.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = slow.getInputStream();
      assertEquals(-1, in.read());
    }
    await().until(() -> chat.server().openSockets() == 0);
  }
}
