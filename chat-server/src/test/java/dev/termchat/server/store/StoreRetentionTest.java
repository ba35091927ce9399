package dev.termchat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.server.room.Dialect;
import dev.termchat.server.room.LogEntry;
import dev.termchat.server.room.MessageArchive;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomSettings;
import dev.termchat.server.room.Who;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store lets go of messages past their age and past their room's count, on a real SQLite file, on a clock the test moves. */
class StoreRetentionTest {
  private static final Who ALICE = new Who(RoomSettings.LOCAL_NODE, 1);
  private static final long DAY = Duration.ofDays(1).toMillis();

  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong(1_000);

  /** The test's clock: what the log stamps entries with and what retention measures age by. */
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(now.get());
        }
      };

  @Test
  void messagesPastTheAgeAndPastTheirRoomsCountGoWithTheirEntriesAndIndex() throws Exception {
    SqliteRoomLogTest.Room room = new SqliteRoomLogTest.Room();
    try (SqliteRoomLog log = new SqliteRoomLog(StoreFile.open(dir, 1_000), clock, 100_000)) {
      log.start(room);
      log.append(new RoomEvent.Join(ALICE, "alice", "127.0.0.1:1", Dialect.EXTENDED, 0, null, null, null));
      room.next();
      say(log, room, "#rust", "old one", "old two", "old three");
      now.addAndGet(50 * DAY);
      say(log, room, "#rust", "mid one", "mid two", "mid three");
      say(log, room, "#go", "go one", "go two", "go three", "go four");

      log.awaitKept(); // The rows said, which the writer otherwise keeps a little later.
      now.addAndGet(50 * DAY); // The old lines are 100 days old, the others 50.
      StoreRetention retention = new StoreRetention(log.file(), clock, Duration.ofDays(90), 2);
      // Past the age: the three old lines and the #general message said with them; then the
      // oldest of #rust's three and two of #go's four.
      assertEquals(4 + 1 + 2, retention.runOnce());
      assertEquals(0, retention.runOnce(), "nothing more to let go of");

      try (SqliteArchive archive = new SqliteArchive(log.file())) {
        assertEquals(List.of("mid two", "mid three"), texts(archive.before("#rust", null, 100).get(10, TimeUnit.SECONDS)));
        assertEquals(List.of("go three", "go four"), texts(archive.before("#go", null, 100).get(10, TimeUnit.SECONDS)));
        assertEquals(0, archive.search("#rust", "old", 10).get(10, TimeUnit.SECONDS).size());
        assertEquals(2, archive.search("#go", "go", 10).get(10, TimeUnit.SECONDS).size());
      }
      try (Connection connection = log.file().connect(); Statement statement = connection.createStatement()) {
        statement.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"); // Throws if the index lost its rows.
        assertEquals(4, count(statement, "SELECT count(*) FROM entries WHERE room IS NOT NULL"), "the lines' log entries went too");
        assertEquals(0, count(statement, "SELECT count(*) FROM entries WHERE time < " + (now.get() - 90 * DAY)));
      }
    }
  }

  /** Appends lines to a room, and waits until they are committed: a message of the default room after them comes back. */
  private void say(SqliteRoomLog log, SqliteRoomLogTest.Room room, String name, String... lines) throws InterruptedException {
    for (String line : lines) {
      log.append(new RoomEvent.Line(ALICE, name, "alice", null, line, false, null, "0-0"));
    }
    log.append(new RoomEvent.Say(ALICE, "after " + lines[0], false, null));
    LogEntry entry = room.next();
    assertEquals("after " + lines[0], ((RoomEvent.Say) entry.event()).text());
    // As the room says it, under its sender's name: kept for scrollback and search.
    log.said(new ChatMessage(false, "alice", "after " + lines[0], entry.time(), null, entry.id(), null));
  }

  private static List<String> texts(MessageArchive.Page page) {
    return page.messages().stream().map(ChatMessage::message).toList();
  }

  private static long count(Statement statement, String query) throws Exception {
    try (ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }
}
