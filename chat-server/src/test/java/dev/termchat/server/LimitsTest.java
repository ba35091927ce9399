package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LimitsTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture();

  @Test
  void anOversizeFrameClosesWith1009AndOthersCarryOn() throws Exception {
    WebSocketRecorder alice = chat.connect();
    register(alice, "alice");
    WebSocketRecorder big = chat.connect();
    register(big, "big");
    alice.nextFrame(Users.class);

    big.send(new SendMessage("x".repeat(ServerConfig.DEFAULT_MAX_FRAME_BYTES + 1)));

    big.nextClose(CloseFrame.TOOBIG);
    assertEquals(new Users(List.of("alice")), alice.nextFrame(Users.class));
    alice.send(new SendMessage("still here"));
    assertEquals("still here", alice.nextFrame(ChatMessage.class).message());
  }

  @Test
  void aBinaryFrameClosesWith1003() throws Exception {
    WebSocketRecorder client = chat.connect();
    client.send(new byte[] {1, 2, 3});
    client.nextClose(CloseFrame.REFUSE);
  }
}
