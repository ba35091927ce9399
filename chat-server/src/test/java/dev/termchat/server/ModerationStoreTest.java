package dev.termchat.server;

import static dev.termchat.testing.Moderators.notice;
import static dev.termchat.testing.Moderators.roomsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Wire;
import dev.termchat.server.store.StoreFile;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bans on a server on its own are kept in its store: a restart keeps them even once the log's
 * entries that made them are gone (as retention lets them go), and a ban that ran out is gone.
 */
class ModerationStoreTest {
  private static final Path DATA = tempDir();
  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T08:00:00Z"));

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(clock, config -> config.operators(List.of("root")).data(DATA));

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("termchat-moderation");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Empties the log's entries, as retention does to old ones, with the server stopped. */
  private void forgetTheLog() throws Exception {
    chat.server().close();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + DATA.resolve(StoreFile.DB));
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM entries");
    }
  }

  private int closeCodeOf(String name) throws InterruptedException {
    WebSocketRecorder client = chat.connect();
    client.send(new Register(name));
    while (true) {
      WebSocketRecorder.Event event = client.next();
      if (event instanceof WebSocketRecorder.Closed closed) {
        return closed.code();
      }
      if (event instanceof WebSocketRecorder.Text text && text.text().contains("\"users\"")) {
        return 0; // let in
      }
    }
  }

  @Test
  void aRestartKeepsTheBansThatTheLogNoLongerHoldsAndForgetsThoseThatRanOut() throws Exception {
    WebSocketRecorder root = roomsClient(chat, "root", "#general");
    root.send(new Moderate(ModerationAct.BAN, "#general", "mallory", 0, "for good", true));
    notice(root, ModerationAct.BAN);
    root.send(new Moderate(ModerationAct.BAN, "#general", "trudy", 3600, "an hour", true));
    notice(root, ModerationAct.BAN);
    root.closeBlocking();

    forgetTheLog();
    chat.restart();
    assertEquals(Wire.CLOSE_BANNED, closeCodeOf("mallory"));
    assertEquals(Wire.CLOSE_BANNED, closeCodeOf("trudy"));

    clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertEquals(0, closeCodeOf("trudy"));
    chat.server().close();
    chat.restart();
    assertEquals(Wire.CLOSE_BANNED, closeCodeOf("mallory"));
    assertEquals(0, closeCodeOf("trudy-2".substring(0, 5)));
  }
}
