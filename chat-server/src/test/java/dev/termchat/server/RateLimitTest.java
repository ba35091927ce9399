package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rate limit on real connections; its arithmetic is in {@link RateLimiterTest}. */
class RateLimitTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.rate(2, 5));

  /** A line dropped for its rate is named by its id, so a client knows which to send again. */
  @Test
  void aLineDroppedForItsRateIsNamedByItsId() throws Exception {
    WebSocketRecorder client = chat.connectExtended();
    client.nextFrame(dev.termchat.protocol.Welcome.class);
    client.send(new dev.termchat.protocol.Register("quick"));
    client.nextFrameAfterPresence(dev.termchat.protocol.Register.class);
    for (int i = 0; i < 8; i++) {
      client.send(new SendMessage("line " + i, "r" + i));
    }
    java.util.Set<String> answered = new java.util.HashSet<>();
    while (answered.size() < 8) {
      dev.termchat.protocol.ServerFrame frame = client.nextServerFrame();
      if (frame instanceof dev.termchat.protocol.ChatMessage message) {
        answered.add(message.clientId());
      } else if (frame instanceof dev.termchat.protocol.ErrorReply error) {
        assertEquals("rate-limited", error.code(), error.toString());
        assertTrue(error.clientId() != null && error.clientId().startsWith("r"), "the refusal names its line: " + error);
        answered.add(error.clientId());
      }
    }
    assertEquals(8, answered.size(), "each line echoed or refused by its id: " + answered);
  }

  @Test
  void aFloodIsDroppedWithErrorsThenDisconnectedWhileOthersChatOn() throws Exception {
    WebSocketRecorder calm = chat.connect();
    register(calm, "calm");
    WebSocketRecorder flood = chat.connectExtended();
    flood.nextText(); // welcome
    flood.send("{\"messageType\":\"register\",\"data\":\"flood\"}");
    try {
      for (int i = 0; i < 200; i++) {
        flood.send(new SendMessage("spam " + i));
      }
    } catch (WebsocketNotConnectedException e) {
      // The server may close the flood before it is all sent; that is what is tested here.
    }

    int delivered = 0;
    int rateLimited = 0;
    WebSocketRecorder.Event event = flood.next();
    while (event instanceof WebSocketRecorder.Text frame) {
      String text = frame.text();
      if (text.contains("rate-limited")) {
        rateLimited++;
      } else if (text.contains("spam")) {
        delivered++;
      }
      event = flood.next();
    }
    WebSocketRecorder.Closed closed = (WebSocketRecorder.Closed) event;
    assertEquals(CloseFrame.POLICY_VALIDATION, closed.code());
    assertEquals("flooding", closed.reason());
    assertTrue(delivered <= 5, delivered + " spam messages got through");
    assertTrue(rateLimited > 0, "no rate-limited errors");

    // calm saw flood come and go with at most the burst of its messages, and chats on.
    FrameCodec codec = new FrameCodec();
    int spamSeen = 0;
    boolean floodSeen = false;
    while (true) {
      ServerFrame frame = codec.decodeServerFrame(calm.nextText());
      if (frame instanceof Users users) {
        floodSeen |= users.names().contains("flood");
        if (floodSeen && users.equals(new Users(List.of("calm")))) {
          break;
        }
      } else if (frame instanceof ChatMessage message && message.from().equals("flood")) {
        spamSeen++;
      }
    }
    assertTrue(spamSeen <= 5, spamSeen + " spam messages reached calm");
    calm.send(new SendMessage("still fine"));
    assertEquals("still fine", calm.nextFrame(ChatMessage.class).message());
  }
}
