package dev.termchat.server.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.server.room.Dialect;
import dev.termchat.server.room.LogEntry;
import dev.termchat.server.room.MessageArchive;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomLoad;
import dev.termchat.server.room.RoomLog;
import dev.termchat.server.room.RoomSettings;
import dev.termchat.server.room.Who;
import dev.termchat.testing.MovingClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a real SQLite file: what it keeps, in what order, and what it refuses to open. */
class SqliteRoomLogTest {
  private static final Who ALICE = new Who(RoomSettings.LOCAL_NODE, 1);

  @TempDir Path dir;

  /** What the log hands the room, in the order it hands it. */
  static final class Room implements RoomLog.Listener {
    final BlockingQueue<LogEntry> entries = new LinkedBlockingQueue<>();
    final BlockingQueue<LogEntry> roomEntries = new LinkedBlockingQueue<>();
    final BlockingQueue<RoomLoad> loads = new LinkedBlockingQueue<>();
    final BlockingQueue<RoomEvent> lost = new LinkedBlockingQueue<>();

    @Override
    public void entry(LogEntry entry) {
      entries.add(entry);
    }

    @Override
    public void lost(RoomEvent event) {
      lost.add(event);
    }

    @Override
    public void mayHaveLost() {}

    @Override
    public void roomLoaded(RoomLoad load) {
      loads.add(load);
    }

    @Override
    public void roomEntry(String room, LogEntry entry) {
      roomEntries.add(entry);
    }

    LogEntry next() throws InterruptedException {
      LogEntry entry = entries.poll(10, TimeUnit.SECONDS);
      assertNotNull(entry, "no entry came");
      return entry;
    }
  }

  private SqliteRoomLog open(Room room) {
    SqliteRoomLog log = new SqliteRoomLog(StoreFile.open(dir, 1_000), Clock.systemUTC(), 100_000);
    log.start(room);
    return log;
  }

  private static RoomEvent.Join join(Who who, String name) {
    return new RoomEvent.Join(who, name, "127.0.0.1:1", Dialect.EXTENDED, 0, null, null, null);
  }

  @Test
  void appendsReachTheRoomInOrderWithIdsOfTheStoresEpoch() throws Exception {
    Room room = new Room();
    try (SqliteRoomLog log = open(room)) {
      log.append(join(ALICE, "alice"));
      IntStream.range(0, 500).forEach(i -> assertTrue(log.append(new RoomEvent.Say(ALICE, "line " + i, false, "c" + i))));
      assertEquals("1000-1", room.next().id());
      for (int i = 0; i < 500; i++) {
        LogEntry entry = room.next();
        assertEquals("1000-" + (i + 2), entry.id());
        assertEquals("line " + i, ((RoomEvent.Say) entry.event()).text());
        assertFalse(entry.replayed());
      }
    }
  }

  @Test
  void aRestartReplaysThePastUnderAnEarlierNodeAndLetsThoseOnlineGo() throws Exception {
    Room first = new Room();
    try (SqliteRoomLog log = open(first)) {
      log.append(join(ALICE, "alice"));
      log.append(new RoomEvent.Say(ALICE, "before the restart", false, "c1"));
      first.next();
      first.next();
    }
    Room second = new Room();
    try (SqliteRoomLog log = open(second)) {
      LogEntry joined = second.next();
      assertTrue(joined.replayed());
      assertEquals("1000-1", joined.id());
      Who earlier = joined.event().who();
      assertEquals(RoomSettings.LOCAL_NODE + "~1", earlier.node(), "an earlier start's connection is not one of this start's");
      LogEntry said = second.next();
      assertEquals("1000-2", said.id(), "an id names the same entry after a restart");
      assertEquals("before the restart", ((RoomEvent.Say) said.event()).text());
      LogEntry gone = second.next();
      assertFalse(gone.replayed());
      assertEquals("1000-3", gone.id());
      RoomEvent.Leave leave = assertInstanceOf(RoomEvent.Leave.class, gone.event());
      assertEquals(earlier, leave.who());
      assertFalse(leave.quit(), "a restart is a drop: the session can be resumed");
      log.append(join(ALICE, "alice"));
      assertEquals("1000-4", second.next().id());
    }
  }

  @Test
  void aFollowedRoomLoadsItsLatestLinesThenGetsEachNewOneOnce() throws Exception {
    Room room = new Room();
    try (SqliteRoomLog log = open(room)) {
      for (int i = 0; i < 5; i++) {
        log.append(new RoomEvent.Line(ALICE, "#rust", "alice", null, "old " + i, false, "c" + i, "0-0"));
      }
      log.follow("#Rust", 3);
      log.append(new RoomEvent.Line(ALICE, "#rust", "alice", null, "new", false, "c9", "0-0"));
      RoomLoad load = room.loads.poll(10, TimeUnit.SECONDS);
      assertNotNull(load);
      assertEquals(List.of("old 2", "old 3", "old 4"), load.latest().stream().map(e -> ((RoomEvent.Line) e.event()).text()).toList());
      assertEquals("1000-5", load.last());
      assertEquals("1000-2", load.wholeAfter());
      LogEntry next = room.roomEntries.poll(10, TimeUnit.SECONDS);
      assertEquals("new", ((RoomEvent.Line) next.event()).text());
      assertEquals("1000-6", next.id());
      assertTrue(room.roomEntries.isEmpty());
    }
  }

  @Test
  void scrollbackAndSearchReadRoomsMessagesButNoPrivateOne() throws Exception {
    Room room = new Room();
    try (SqliteRoomLog log = open(room)) {
      log.append(join(ALICE, "alice"));
      for (int i = 0; i < 30; i++) {
        log.append(new RoomEvent.Say(ALICE, "message " + i + (i % 10 == 0 ? " about penguins" : ""), false, "c" + i));
      }
      log.append(new RoomEvent.Whisper(ALICE, "bob", "secret penguins", "w1"));
      log.append(new RoomEvent.Line(ALICE, "#rust", "alice", null, "penguins in rust", false, "r1", "0-0"));
      for (int i = 0; i < 32; i++) {
        LogEntry entry = room.next();
        if (entry.event() instanceof RoomEvent.Say say) { // As the room says it, under its sender's name.
          log.said(new ChatMessage(say.action(), "alice", say.text(), entry.time(), null, entry.id(), say.clientId()));
        }
      }
      // Read as the server reads: a page or a search waits for the rows said before it.
      try (SqliteArchive archive = new SqliteArchive(log.file(), log)) {
        MessageArchive.Page newest = archive.before("#general", null, 10).get(10, TimeUnit.SECONDS);
        assertEquals(10, newest.messages().size());
        assertTrue(newest.more());
        assertEquals("message 20 about penguins", newest.messages().get(0).message());
        assertEquals("alice", newest.messages().get(0).from());
        MessageArchive.Page older = archive.before("#general", newest.messages().get(0).id(), 100).get(10, TimeUnit.SECONDS);
        assertEquals(20, older.messages().size());
        assertFalse(older.more());
        assertEquals("message 0 about penguins", older.messages().get(0).message());

        List<MessageArchive.Hit> hits = archive.search("#general", "PENGUINS\" * (", 50).get(10, TimeUnit.SECONDS);
        assertEquals(3, hits.size(), "FTS syntax is taken as words; the private message is not found");
        for (MessageArchive.Hit hit : hits) {
          ChatMessage message = hit.message();
          MessageArchive.Mark mark = hit.marks().get(0);
          assertEquals("penguins", message.message().substring(mark.start(), mark.end()));
          assertEquals("#general", hit.room());
        }
        assertEquals(1, archive.search("#rust", "penguins", 50).get(10, TimeUnit.SECONDS).size());
        assertEquals(List.of(), archive.search("#general", "\"()*", 50).get(10, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void aRowTheRoomHadNotSaidWhenTheServerStoppedIsWrittenAtTheNextStartThoughANewerLineWasKept() throws Exception {
    Room first = new Room();
    try (SqliteRoomLog log = open(first)) {
      log.append(join(ALICE, "alice"));
      log.append(new RoomEvent.Say(ALICE, "said in #general", false, "c1"));
      log.append(new RoomEvent.Line(ALICE, "#rust", "alice", null, "kept with its entry", false, "r1", "0-0"));
      first.next();
      first.next(); // The server stops before the room says the #general line; closing commits #rust's.
    }
    Room second = new Room();
    try (SqliteRoomLog log = open(second)) {
      LogEntry replayed;
      do {
        replayed = second.next();
      } while (!(replayed.event() instanceof RoomEvent.Say));
      RoomEvent.Say say = (RoomEvent.Say) replayed.event();
      log.said(new ChatMessage(say.action(), "alice", say.text(), replayed.time(), null, replayed.id(), say.clientId()));
      try (SqliteArchive archive = new SqliteArchive(log.file(), log)) {
        assertEquals(List.of("said in #general"),
            archive.search("#general", "said", 10).get(10, TimeUnit.SECONDS).stream().map(hit -> hit.message().message()).toList());
      }
    }
  }

  @Test
  void aPageAndASearchAskedForRightAfterALineIsSaidHoldIt() throws Exception {
    Room room = new Room();
    try (SqliteRoomLog log = open(room); SqliteArchive archive = new SqliteArchive(log.file(), log)) {
      log.append(join(ALICE, "alice"));
      room.next();
      for (int i = 0; i < 20; i++) {
        log.append(new RoomEvent.Say(ALICE, "fresh " + i, false, "c" + i));
        LogEntry entry = room.next();
        RoomEvent.Say say = (RoomEvent.Say) entry.event();
        archive.said(new ChatMessage(say.action(), "alice", say.text(), entry.time(), null, entry.id(), say.clientId()));
        assertEquals("fresh " + i, archive.before("#general", null, 1).get(10, TimeUnit.SECONDS).messages().get(0).message());
        assertEquals(1, archive.search("#general", "fresh " + i, 5).get(10, TimeUnit.SECONDS).size());
      }
    }
  }

  @Test
  void rowsSaidWaitForMoreOrForTheOldestsTimeUnlessAReaderWantsThem() throws Exception {
    MovingClock clock = new MovingClock(Instant.ofEpochMilli(1_000_000));
    Room room = new Room();
    try (SqliteRoomLog log = new SqliteRoomLog(StoreFile.open(dir, 1_000), clock, 100_000);
        Connection reader = log.file().connect();
        Statement rows = reader.createStatement()) {
      log.start(room);
      log.append(join(ALICE, "alice"));
      room.next();
      log.said(said(log, room, "first"));
      LogEntry second = sayAndNext(log, room, "second"); // Its own commit came after the first row was said.
      assertEquals(0, keptRows(rows), "a line's commit does not wait to write the rows said before it");

      clock.advance(Duration.ofMillis(SaidRows.MAX_WAIT_MILLIS));
      await().atMost(Duration.ofSeconds(10)).until(() -> keptRows(rows) == 1);

      log.said(message(second));
      log.awaitKept(); // A page or a search: written at once.
      assertEquals(2, keptRows(rows));

      for (int i = 0; i < SaidRows.AT_ONCE; i++) {
        log.said(said(log, room, "burst " + i));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> keptRows(rows) == 2 + SaidRows.AT_ONCE);
    }
  }

  private static int keptRows(Statement rows) throws SQLException {
    try (ResultSet count = rows.executeQuery("SELECT count(*) FROM messages")) {
      return count.getInt(1);
    }
  }

  private static LogEntry sayAndNext(SqliteRoomLog log, Room room, String text) throws InterruptedException {
    log.append(new RoomEvent.Say(ALICE, text, false, null));
    return room.next();
  }

  /** Says the line, and gives it as the room says it once its entry is back. */
  private static ChatMessage said(SqliteRoomLog log, Room room, String text) throws InterruptedException {
    return message(sayAndNext(log, room, text));
  }

  private static ChatMessage message(LogEntry entry) {
    RoomEvent.Say say = (RoomEvent.Say) entry.event();
    return new ChatMessage(say.action(), "alice", say.text(), entry.time(), null, entry.id(), say.clientId());
  }

  @Test
  void theStoreIsReadableByTheServersUserAlone() throws Exception {
    Path made = dir.resolve("made/by/the/server");
    try (SqliteRoomLog log = new SqliteRoomLog(StoreFile.open(made, 1_000), Clock.systemUTC(), 100_000)) {
      Room room = new Room();
      log.start(room);
      log.append(new RoomEvent.Whisper(ALICE, "bob", "a private message", "w1"));
      room.next();
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
      for (String file : List.of(StoreFile.DB, StoreFile.DB + "-wal", StoreFile.LOCK)) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made.resolve(file))), file);
      }
    }
  }

  @Test
  void aSecondServerOnTheDirectoryIsRefused() {
    try (StoreFile held = StoreFile.open(dir, 1_000)) {
      StoreException refused = assertThrows(StoreException.class, () -> StoreFile.open(dir, 1_000));
      assertTrue(refused.getMessage().contains("another server is using the store"), refused.getMessage());
    }
    StoreFile.open(dir, 1_000).close(); // Let go with the first.
  }

  @Test
  void aFileThatIsNotAStoreIsRefused() throws Exception {
    Files.createDirectories(dir);
    Files.write(dir.resolve(StoreFile.DB), new byte[4096]);
    Files.writeString(dir.resolve(StoreFile.DB), "this is not a database, just some text that is long enough to look like a header");
    StoreException refused = assertThrows(StoreException.class, () -> StoreFile.open(dir, 1_000));
    assertTrue(refused.getMessage().contains("is not a termchat store"), refused.getMessage());
  }

  @Test
  void aStoreOfANewerVersionIsRefused() throws Exception {
    StoreFile.open(dir, 1_000).close();
    try (Connection connection = StoreFile.connect(dir.resolve(StoreFile.DB)); Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = " + (StoreFile.SCHEMA_VERSION + 1));
    }
    StoreException refused = assertThrows(StoreException.class, () -> StoreFile.open(dir, 1_000));
    assertTrue(refused.getMessage().contains("written by a newer termchat"), refused.getMessage());
  }
}
