package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.testing.WebSocketRecorder;

/** Lines said in a cluster, whose Redis may refuse them, and waited for. */
final class ClusterLines {
  private ClusterLines() {}

  /**
   * Says a line under an id and waits for what becomes of it; answers about other lines are
   * skipped.
   *
   * @return whether it was said (its echo came); false when it was refused as unavailable
   */
  static boolean sayOnce(WebSocketRecorder client, String text, String clientId) throws InterruptedException {
    client.send(new SendMessage(text, clientId));
    while (true) {
      ServerFrame answer = client.nextServerFrame();
      if (answer instanceof ChatMessage echo && clientId.equals(echo.clientId())) {
        return true;
      }
      if (answer instanceof ErrorReply error && clientId.equals(error.clientId())) {
        assertEquals(ErrorCode.UNAVAILABLE.wireName(), error.code());
        return false;
      }
    }
  }

  /** The next message with this text, skipping every frame before it. */
  static ChatMessage lastMessageOf(WebSocketRecorder client, String text) throws InterruptedException {
    while (true) {
      ChatMessage message = client.nextMessage();
      if (message.message().equals(text)) {
        return message;
      }
    }
  }
}
