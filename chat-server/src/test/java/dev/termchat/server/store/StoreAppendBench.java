package dev.termchat.server.store;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.server.room.LogEntry;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomLog;
import dev.termchat.server.room.RoomSettings;
import dev.termchat.server.room.Who;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The store's durable append rate: messages appended by several threads at once, as connections
 * append them, each counted when the room is handed it, after its batch was committed
 * ({@code synchronous=FULL}, FTS5 index included). A main, not a test: a rate is no test's goal.
 *
 * <pre>
 * ./mvnw -o -q test-compile -pl chat-server -am
 * java -cp 'chat-server/target/test-classes:chat-server/target/classes:chat-server/target/lib/*' \
 *     dev.termchat.server.store.StoreAppendBench [MESSAGES] [THREADS] [DIR]
 * </pre>
 */
public final class StoreAppendBench {
  private StoreAppendBench() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("termchat-bench");
    CountDownLatch delivered = new CountDownLatch(messages);
    // Appends in flight at most: a queue that is full refuses, as it would a client's line.
    Semaphore inFlight = new Semaphore(StoreWriter.MAX_WAITING / 2);
    try (SqliteRoomLog log = new SqliteRoomLog(StoreFile.open(dir, System.currentTimeMillis()), Clock.systemUTC(), 0)) {
      RoomLog.Listener room = new RoomLog.Listener() {
        @Override
        public void entry(LogEntry entry) {
          // As the room does: the message kept for scrollback and search, under its sender's name.
          RoomEvent.Say say = (RoomEvent.Say) entry.event();
          log.said(new ChatMessage(false, "sender" + say.who().connection(), say.text(), entry.time(), null, entry.id(), say.clientId()));
          inFlight.release();
          delivered.countDown();
        }

        @Override
        public void lost(RoomEvent event) {
          throw new IllegalStateException("lost " + event);
        }

        @Override
        public void mayHaveLost() {}
      };
      log.start(room);
      String text = "a message of about the length people type in a chat, sixty-odd";
      long start = System.nanoTime();
      Thread[] senders = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        Who who = new Who(RoomSettings.LOCAL_NODE, t + 1);
        int count = messages / threads + (t < messages % threads ? 1 : 0);
        senders[t] = new Thread(() -> {
          for (int i = 0; i < count; i++) {
            inFlight.acquireUninterruptibly();
            if (!log.append(new RoomEvent.Say(who, text + " " + i, false, "c" + i))) {
              throw new IllegalStateException("refused");
            }
          }
        });
        senders[t].start();
      }
      if (!delivered.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("not all delivered");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%d messages from %d threads committed and delivered in %.2f s: %.0f a second (%s)%n",
          messages, threads, seconds, messages / seconds, dir.resolve(StoreFile.DB));
      System.out.printf("file: %d bytes with its WAL%n", Files.size(dir.resolve(StoreFile.DB)) + Files.size(dir.resolve(StoreFile.DB + "-wal")));
    }
  }
}
