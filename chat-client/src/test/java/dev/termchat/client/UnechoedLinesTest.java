package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.CuttableProxy;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session whose path back from the server dies unnoticed, while its own lines still arrive:
 * they must not pile up unechoed beyond what the server remembers the ids of, or those sent again
 * after the reconnect would be said twice.
 */
class UnechoedLinesTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture();

  @Test
  void withNoEchoComingBackNoMoreLinesGoThanTheLimit() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    RecordingView view = new RecordingView();
    try (CuttableProxy proxy = new CuttableProxy(chat.uri())) {
      ChatSession alice = QuickSessions.of("alice", view, proxy.uri(chat.uri()));
      try {
        assertEquals(Optional.empty(), alice.start());
        view.await("connected alice");
        proxy.muteToClients();
        int limit = Wire.MAX_UNECHOED_LINES;
        int typed = limit + 30;
        for (int i = 1; i <= typed; i++) {
          alice.say("line " + i);
        }
        for (int i = 1; i <= limit; i++) {
          assertEquals("line " + i, bob.nextMessage().message());
        }
        // No echo comes, so nothing more goes: the session falls idle with the rest still to send.
        assertEquals(
            new DeliveryReport(typed, 0, 0, 0, limit, typed - limit, 0, 0),
            alice.awaitDelivery(Duration.ofSeconds(2)));
        bob.send(new SendMessage("the end"));
        assertEquals("the end", bob.nextMessage().message(), "no line past the limit");
      } finally {
        alice.close();
      }
    }
  }
}
