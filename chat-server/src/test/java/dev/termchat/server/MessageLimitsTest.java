package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessageLimitsTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture();

  @Test
  void aMessageOfExactlyTheLimitIsDelivered() throws Exception {
    WebSocketRecorder alice = chat.connect();
    register(alice, "alice");
    // Counted in characters, not UTF-16 units: each emoji here is one character of two units.
    String longest = "\uD83D\uDE00".repeat(ServerConfig.DEFAULT_MAX_MESSAGE_CHARS);
    alice.send(new SendMessage(longest));
    assertEquals(longest, alice.nextFrame(ChatMessage.class).message());
  }

  @Test
  void aLongerMessageIsRefusedWithAnErrorAndTheConnectionStays() throws Exception {
    WebSocketRecorder alice = chat.connectExtended();
    alice.nextText(); // welcome
    register(alice, "alice");
    alice.send(new SendMessage("x".repeat(ServerConfig.DEFAULT_MAX_MESSAGE_CHARS + 1)));
    ErrorReply error = alice.nextFrame(ErrorReply.class);
    assertEquals("message-too-long", error.code());
    assertEquals("a message is at most 4000 characters", error.reason());

    alice.send(new SendMessage("short"));
    assertEquals("short", alice.nextFrame(ChatMessage.class).message());
  }

  @Test
  void repliesComeInTheOrderOfTheFramesTheyAnswer() throws Exception {
    WebSocketRecorder alice = chat.connectExtended();
    alice.nextText(); // welcome
    register(alice, "alice");
    String tooLong = "x".repeat(ServerConfig.DEFAULT_MAX_MESSAGE_CHARS + 1);
    for (int i = 0; i < 20; i++) {
      alice.send(new SendMessage("short " + i));
      alice.send(new SendMessage(tooLong));
    }
    for (int i = 0; i < 20; i++) {
      assertEquals("short " + i, alice.nextFrame(ChatMessage.class).message());
      assertEquals("message-too-long", alice.nextFrame(ErrorReply.class).code());
    }
  }

  @Test
  void aBaseClientsLongMessageIsDroppedSilently() throws Exception {
    WebSocketRecorder yew = chat.connect();
    register(yew, "yew");
    yew.send(new SendMessage("y".repeat(ServerConfig.DEFAULT_MAX_MESSAGE_CHARS + 1)));
    yew.send(new SendMessage("after"));
    assertEquals("after", yew.nextFrame(ChatMessage.class).message());
    yew.assertNoMoreEventsBefore(yew.sayMarker());
  }
}
