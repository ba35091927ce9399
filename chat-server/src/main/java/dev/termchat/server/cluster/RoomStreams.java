package dev.termchat.server.cluster;

import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomLog;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Made rooms' own streams ({@link Partitions}): a line goes to its room's stream through its
 * partition's writer, and a followed room is read through its partition's reader. Writers and
 * readers are made the first time a partition is used, so a node has a thread and a connection
 * only for the partitions its rooms are in: at most 64 of each. Thread-safe.
 */
final class RoomStreams {
  private final RedisTopology redis;
  private final EntryLimits limits;
  private final long history;
  private final Map<Integer, RoomStreamWriter> writers = new ConcurrentHashMap<>();
  private final Map<Integer, RoomStreamReader> readers = new ConcurrentHashMap<>();
  private volatile RoomLog.Listener room;
  /** Set once, under {@code this}, so that no writer or reader is made after {@link #close}. */
  private volatile boolean closed;

  /** @param history about how many lines each room's stream keeps */
  RoomStreams(RedisTopology redis, EntryLimits limits, long history) {
    this.redis = redis;
    this.limits = limits;
    this.history = history;
  }

  void start(RoomLog.Listener listener) {
    room = listener;
  }

  /** @return false when the line's partition cannot take it now (its master out of reach) */
  boolean append(RoomEvent.Line line) {
    RoomStreamWriter writer = writer(Partitions.of(line.room()));
    return writer != null && writer.offer(line);
  }

  /** Whether every room writer has sent or lost every line it took. */
  boolean writersIdle() {
    return writers.values().stream().allMatch(QueuedWriter::idle);
  }

  void follow(String room, int count) {
    RoomStreamReader reader = reader(Partitions.of(room));
    if (reader != null) {
      reader.follow(room, count);
    }
  }

  void unfollow(String room) {
    RoomStreamReader reader = readers.get(Partitions.of(room));
    if (reader != null) {
      reader.unfollow(room);
    }
  }

  private RoomStreamWriter writer(int partition) {
    RoomStreamWriter writer = writers.get(partition); // Without a lock: every line asks.
    if (writer != null) {
      return writer;
    }
    synchronized (this) {
      return closed ? null : writers.computeIfAbsent(partition, p -> {
        RoomStreamWriter made = new RoomStreamWriter(p, redis, limits, history);
        made.start(room);
        return made;
      });
    }
  }

  private synchronized RoomStreamReader reader(int partition) {
    return closed ? null : readers.computeIfAbsent(partition, p -> new RoomStreamReader(p, redis, room));
  }

  /**
   * Stops the readers, and the writers once they have sent what they took or {@code waitMillis}
   * has passed, whichever is first. Idempotent.
   */
  void close(long waitMillis) throws InterruptedException {
    synchronized (this) {
      closed = true;
    }
    readers.values().forEach(RoomStreamReader::close);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    for (RoomStreamWriter writer : writers.values()) {
      writer.close(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
  }
}
