package dev.termchat.server.account;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that hash passwords, off the room's and the I/O threads: {@value #THREADS} of them
 * (a hash takes 19 MiB and a core while it runs), and at most {@value #WAITING} requests waiting.
 * Past that a request is refused at once, never queued without bound: a flood of logins costs
 * the server no more than this.
 */
final class HashPool implements AutoCloseable {
  static final int THREADS = 1;
  static final int WAITING = 16;
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

  /** Runs the task on the pool; false when the pool is full, or closed, and it will not run. */
  boolean submit(Runnable task) {
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
