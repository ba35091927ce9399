package dev.termchat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.room.Dialect;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomSettings;
import dev.termchat.server.room.Who;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's writer and the connections that write beside it (accounts, bans) on one SQLite
 * file: a write of theirs never costs the writer its next batch.
 */
class StoreContentionTest {
  private static final Who ALICE = new Who(RoomSettings.LOCAL_NODE, 1);

  @TempDir Path dir;

  /**
   * Attack trial: rooms made while bans and accounts were written lost other users' events
   * (SQLITE_BUSY_SNAPSHOT), and their joins were refused as the store out of reach. A room's
   * load read inside the writer's transaction, which then could not become a write once another
   * connection had committed (SQLite answers that at once, busy_timeout or not).
   */
  @Test
  void anAccountKeptAfterARoomsLoadCostsTheWritersNextBatchNothing() throws Exception {
    SqliteRoomLogTest.Room room = new SqliteRoomLogTest.Room();
    try (SqliteRoomLog log = new SqliteRoomLog(StoreFile.open(dir, 1_000), Clock.systemUTC(), 100_000);
        SqliteAccounts accounts = new SqliteAccounts(log.file(), Clock.systemUTC())) {
      log.start(room);
      log.append(new RoomEvent.Join(ALICE, "alice", "127.0.0.1:1", Dialect.ROOMS, 0, null, null, null));
      room.next();
      log.follow("#dev", 10);
      assertNotNull(room.loads.poll(10, TimeUnit.SECONDS), "the room was loaded");

      assertTrue(accounts.create("bob", "bob", "a hash"), "kept on the accounts' own connection");
      assertTrue(log.append(new RoomEvent.Say(ALICE, "after the account", false, "c1")));
      RoomEvent.Say said = (RoomEvent.Say) room.next().event();
      assertEquals("after the account", said.text());
      assertNull(room.lost.poll(), "nothing lost");
    }
  }
}
