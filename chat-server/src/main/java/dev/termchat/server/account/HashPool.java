package dev.termchat.server.account;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that hash passwords, off the room's and the I/O threads: {@value #THREADS} of them
 * (a hash takes 19 MiB and a core while it runs), and at most {@value #WAITING} requests waiting.
 * Past that a request is refused at once, never queued without bound: a flood of logins costs
 * the server no more than this. One address range (a /24, a /64) has at most {@value #RANGE_SHARE}
 * requests waiting or hashing at once, so that a flood from one network cannot keep the queue
 * full and shut everyone else's logins out.
 */
final class HashPool implements AutoCloseable {
  static final int THREADS = 1;
  static final int WAITING = 16;
  /** What one address range may have in the pool at once: a quarter of the places. */
  static final int RANGE_SHARE = WAITING / 4;
  private static final AtomicInteger NUMBER = new AtomicInteger();

  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(
          THREADS,
          THREADS,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(WAITING),
          task -> {
            Thread thread = new Thread(task, "chat-accounts-" + NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          },
          new ThreadPoolExecutor.AbortPolicy());

  /** Requests waiting or hashing, by address range. Guarded by {@code this}. */
  private final Map<String, Integer> byRange = new HashMap<>();

  /**
   * Runs the task on the pool for the range ({@code null}: one not counted); false when the pool
   * is full, or closed, or the range has its share, and it will not run.
   */
  boolean submit(String range, Runnable task) {
    if (range != null && !enter(range)) {
      return false;
    }
    try {
      executor.execute(() -> {
        try {
          task.run();
        } finally {
          leave(range);
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      leave(range);
      return false;
    }
  }

  private synchronized boolean enter(String range) {
    int inPool = byRange.getOrDefault(range, 0);
    if (inPool >= RANGE_SHARE) {
      return false;
    }
    byRange.put(range, inPool + 1);
    return true;
  }

  private synchronized void leave(String range) {
    if (range != null) {
      byRange.computeIfPresent(range, (any, inPool) -> inPool > 1 ? inPool - 1 : null);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
