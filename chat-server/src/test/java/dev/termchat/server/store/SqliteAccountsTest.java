package dev.termchat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.PrivateChat;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomSettings;
import dev.termchat.server.room.Who;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts' kept messages in a real store whose writer commits all the while, as at a login. */
class SqliteAccountsTest {
  @TempDir Path dir;

  @Test
  void keptMessagesAreTakenOnceInOrderWhileTheStoresWriterCommits() throws Exception {
    Who alice = new Who(RoomSettings.LOCAL_NODE, 1);
    try (SqliteRoomLog log = new SqliteRoomLog(StoreFile.open(dir, 1_000), Clock.systemUTC(), 100_000);
        SqliteAccounts accounts = new SqliteAccounts(log.file(), Clock.systemUTC())) {
      log.start(new SqliteRoomLogTest.Room());
      AtomicBoolean done = new AtomicBoolean();
      Thread chatter = new Thread(() -> {
        for (int i = 0; !done.get(); i++) {
          log.append(new RoomEvent.Say(alice, "line " + i, false, "c" + i));
        }
      });
      chatter.start();
      try {
        for (int round = 0; round < 200; round++) {
          for (int i = 0; i < 3; i++) {
            accounts.keep("bob", new PrivateChat("alice", "bob", round + "." + i, round, "1-" + i, null), 100, 100);
          }
          // Before the fix, a take that read, then deleted, failed with SQLITE_BUSY once the
          // writer had committed between the two.
          List<String> taken = accounts.take("bob").stream().map(PrivateChat::message).toList();
          assertEquals(List.of(round + ".0", round + ".1", round + ".2"), taken, "round " + round);
        }
      } finally {
        done.set(true);
        chatter.join();
      }
    }
  }
}
