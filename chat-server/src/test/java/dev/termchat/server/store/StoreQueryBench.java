package dev.termchat.server.store;

import dev.termchat.server.room.MessageArchive;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Scrollback and search times over a filled store, such as {@link StoreAppendBench} leaves (a
 * million messages of {@code #general}): a page of 100 before an id in the middle, and searches
 * for a word one message holds and for one every message holds (or {@code -Dcommon=WORDS}), in
 * the room and in a room with none of its messages. A main, not a test: a time is no
 * test's goal. With the server stopped, or on a copy: it opens the store, which takes its lock.
 *
 * <pre>
 * java -cp 'chat-server/target/test-classes:chat-server/target/classes:chat-server/target/lib/*' \
 *     dev.termchat.server.store.StoreQueryBench DIR [ROUNDS]
 * </pre>
 */
public final class StoreQueryBench {
  private StoreQueryBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    try (StoreFile file = StoreFile.open(dir, 0); SqliteArchive archive = new SqliteArchive(file)) {
      MessageArchive.Page newest = archive.before("#general", null, 1).get(1, TimeUnit.MINUTES);
      String last = newest.messages().get(0).id();
      long lastSeq = Long.parseLong(last.substring(last.indexOf('-') + 1));
      String epoch = last.substring(0, last.indexOf('-'));
      System.out.printf("a store of %d entries (%s)%n", lastSeq, file.db());
      time("page of 100 before an id in the middle", rounds, () -> {
        String middle = epoch + "-" + (lastSeq / 2 + (long) (Math.random() * 1000));
        check(archive.before("#general", middle, 100).get(1, TimeUnit.MINUTES).messages().size() == 100);
      });
      time("search, a word one message holds", rounds, () -> {
        String rare = String.valueOf(1 + (long) (Math.random() * 99_000));
        check(!archive.search("#general", rare, 20).get(1, TimeUnit.MINUTES).isEmpty());
      });
      time("search, a word every message holds (its 20 best)", Math.max(3, rounds / 20), () ->
          check(archive.search("#general", System.getProperty("common", "message"), 20).get(1, TimeUnit.MINUTES).size() == 20));
      time("search in a room with no message, for that word", rounds, () ->
          check(archive.search("#elsewhere", System.getProperty("common", "message"), 20).get(1, TimeUnit.MINUTES).isEmpty()));
    }
  }

  private interface Query {
    void run() throws Exception;
  }

  private static void time(String what, int rounds, Query query) throws Exception {
    query.run(); // Once to warm up
    double[] millis = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      query.run();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf("%-58s median %.2f ms, p99 %.2f ms, max %.2f ms (%d rounds)%n",
        what, millis[rounds / 2], millis[Math.min(rounds - 1, (int) (rounds * 0.99))], millis[rounds - 1], rounds);
  }

  private static void check(boolean held) {
    if (!held) {
      throw new IllegalStateException("an answer was not what a filled store gives");
    }
  }

}
