package dev.termchat.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.testing.ChatFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server restarts under fifty of the project's clients; they all come back, once each. */
class ServerRestartTest {
  private static final int CLIENTS = 50;

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  @Test
  void fiftyClientsReconnectAndRegisterAgainWithoutDuplicates() throws Exception {
    List<ChatSession> sessions = new ArrayList<>();
    List<RecordingView> views = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        RecordingView view = new RecordingView();
        ChatSession session =
            new ChatSession(
                new ConnectionSettings(chat.uri(), Duration.ofSeconds(5), Optional.empty(), Optional.empty()),
                false,
                "user" + i,
                view,
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), new Random(i)),
                Executors.newSingleThreadScheduledExecutor());
        assertEquals(Optional.empty(), session.start());
        sessions.add(session);
        views.add(view);
        names.add("user" + i);
      }
      assertEquals(names, chat.server().users());

      chat.restart();

      for (RecordingView view : views) {
        view.await("lost server shutting down");
        view.await("reconnected user");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> chat.server().users().size() == CLIENTS);
      List<String> after = new ArrayList<>(chat.server().users());
      after.sort(null);
      List<String> expected = new ArrayList<>(names);
      expected.sort(null);
      assertEquals(expected, after, "everyone back under their own name, once");
    } finally {
      for (ChatSession session : sessions) {
        session.close();
      }
    }
  }
}
