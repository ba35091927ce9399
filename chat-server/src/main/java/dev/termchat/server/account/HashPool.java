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
 * full and shut everyone else's logins out; and {@value #RESERVED} places are kept for logins from
 * an address known to their account (it logged in with the password lately), which no range's
 * share holds, so that a flood from many networks cannot shut an owner out where it has been.
 */
final class HashPool implements AutoCloseable {
  static final int THREADS = 1;
  static final int WAITING = 16;
  /** What one address range may have in the pool at once: a quarter of the places. */
  static final int RANGE_SHARE = WAITING / 4;
  /** Places kept for logins from addresses known to their account: a quarter. */
  static final int RESERVED = WAITING / 4;
  /** What all other requests may have in the pool at once, hashing or waiting. */
  static final int OPEN = THREADS + WAITING - RESERVED;
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

  /** Requests waiting or hashing from addresses not known to their account, by address range. Guarded by {@code this}. */
  private final Map<String, Integer> byRange = new HashMap<>();
  /** Requests waiting or hashing from addresses not known to their account. Guarded by {@code this}. */
  private int strangers;

  /**
   * Runs the task on the pool; false when the pool is full, or closed, and it will not run. A
   * request from an address not known to its account is refused too past the {@value #OPEN}
   * places open to such, or past its range's share.
   *
   * @param range the address range it comes from, or {@code null}: one not counted
   * @param known whether it comes from an address known to its account
   */
  boolean submit(String range, boolean known, Runnable task) {
    if (!known && !enter(range)) {
      return false;
    }
    try {
      executor.execute(() -> {
        try {
          task.run();
        } finally {
          if (!known) {
            leave(range);
          }
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      if (!known) {
        leave(range);
      }
      return false;
    }
  }

  private synchronized boolean enter(String range) {
    int inPool = range == null ? 0 : byRange.getOrDefault(range, 0);
    if (strangers >= OPEN || inPool >= RANGE_SHARE) {
      return false;
    }
    strangers++;
    if (range != null) {
      byRange.put(range, inPool + 1);
    }
    return true;
  }

  private synchronized void leave(String range) {
    strangers--;
    if (range != null) {
      byRange.computeIfPresent(range, (any, inPool) -> inPool > 1 ? inPool - 1 : null);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
