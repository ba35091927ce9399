package dev.termchat.server.cluster;

import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomLog;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Appends events to a stream on a thread of its own, with a connection of its own to the Redis
 * that holds the stream: events queue for it and it sends what gathered at once, so a Redis that
 * is slow or gone stalls this thread alone, never the caller. What it could not write goes back
 * to the room as lost, and until Redis takes writes again appends are refused at once. What a
 * batch is and how it is sent are the subclass's.
 */
abstract class QueuedWriter<E extends RoomEvent> {
  /** Events waiting; past this many, Redis is too far behind to take more. */
  static final int MAX_WAITING = 10_000;
  private static final int POLL_MILLIS = 1000;

  private final RedisTopology redis;
  private final String key;
  private final BlockingQueue<E> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
  private final Thread thread;
  /** Set before the thread starts. */
  volatile RoomLog.Listener room;
  /** Whether Redis took the last events; while not, appends are refused at once. */
  private volatile boolean writable = true;
  private volatile boolean closed;
  /** Events taken by {@link #offer}; guarded by being an atomic. */
  private final AtomicLong offered = new AtomicLong();
  /** Of those, how many the writer thread has sent or lost, written by it alone. */
  private volatile long settled;
  /** How many the writer thread has taken from the queue so far. Confined to the writer thread. */
  private long polled;
  /** The connection to Redis, or {@code null}. Confined to the writer thread. */
  Jedis writing;

  /** @param key the stream's key, or any key of its slot: where the connection goes */
  QueuedWriter(RedisTopology redis, String key, String threadName) {
    this.redis = redis;
    this.key = key;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
  }

  void start(RoomLog.Listener listener) {
    room = listener;
    thread.start();
  }

  final boolean writable() {
    return writable;
  }

  final boolean offer(E event) {
    if (!closed && writable && waiting.offer(event)) {
      offered.incrementAndGet();
      return true;
    }
    return false;
  }

  /**
   * Whether every event offered has been sent or lost: for a test that must know the thread is
   * not still waiting on Redis's answer to a batch whose lines a reader already saw.
   */
  final boolean idle() {
    return settled == offered.get();
  }

  /** The next event waiting, if any: for a batch to gather more. */
  final E nextWaiting() {
    E next = waiting.poll();
    if (next != null) {
      polled++;
    }
    return next;
  }

  /**
   * Sends this event and those waiting behind it, as many as make one batch.
   *
   * @return whether Redis took all of it; if not, appends are refused until it takes writes again
   */
  abstract boolean sendFrom(E first);

  /** Redis takes writes again, after it did not. */
  abstract void writableAgain();

  /** Refuses appends from now until Redis takes writes again: before the room hears of a loss. */
  final void refuseFromNow() {
    writable = false;
  }

  final String threadName() {
    return thread.getName();
  }

  private void run() {
    Backoff backoff = new Backoff();
    try {
      while (!closed || !waiting.isEmpty()) {
        if (!writable) {
          loseWaiting();
          backoff.pause();
          if (closed) {
            break;
          }
          try {
            // A key's command, not PING: a cluster that lost a shard answers PING, and refuses
            // the keys of every slot unless told to serve what it still covers.
            reconnect().exists(key);
          } catch (JedisException e) {
            ClusterLogger.LOG.debug("Redis still takes no writes on {}: {}", thread.getName(), e.getMessage());
            continue;
          }
          writable = true;
          writableAgain();
          continue;
        }
        E first = waiting.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        polled++;
        boolean taken = sendFrom(first);
        settled = polled;
        if (taken) {
          backoff.reset();
        } else {
          writable = false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      RedisConnections.closeQuietly(writing);
      loseWaiting();
    }
  }

  /** A fresh connection, the last one closed. */
  final Jedis reconnect() {
    RedisConnections.closeQuietly(writing);
    writing = null;
    writing = redis.open(key, (int) RedisConnections.TIMEOUT.toMillis());
    return writing;
  }

  /** Hands every event still waiting back to the room as lost. */
  private void loseWaiting() {
    for (E event; (event = waiting.poll()) != null; ) {
      polled++;
      room.lost(event);
    }
    settled = polled;
  }

  /** Stops taking events and gives the thread a moment to send those already taken. */
  final void close(long waitMillis) throws InterruptedException {
    closed = true;
    try {
      if (waitMillis > 0) {
        thread.join(waitMillis);
      }
    } finally {
      thread.interrupt();
    }
  }
}
