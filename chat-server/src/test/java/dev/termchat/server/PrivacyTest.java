package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With --hide-addresses, messages go out without their sender's address. */
class PrivacyTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.hideAddresses(true));

  @Test
  void aMessageCarriesNoAddress() throws Exception {
    WebSocketRecorder alice = chat.connect();
    register(alice, "alice");
    alice.send(new SendMessage("where am I?"));
    String text = alice.nextText();
    assertFalse(text.contains("address"), text);
    ChatMessage message = (ChatMessage) new FrameCodec().decodeServerFrame(text);
    assertEquals("where am I?", message.message());
    assertNull(message.address());
  }
}
