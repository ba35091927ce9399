package dev.termchat.server;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Halts the process when, after a fatal error, its orderly exit does not come in time: a server
 * that lives on without its threads, or hangs on its way out, is worse than one that exits, which
 * a supervisor (systemd, Kubernetes) restarts.
 *
 * <p>Its thread starts at once and waits, because once memory has run out a new thread may not
 * be had.
 */
final class HaltWatchdog {
  private final CountDownLatch armed = new CountDownLatch(1);

  HaltWatchdog(Duration grace, int status, IntConsumer halt) {
    Thread thread =
        new Thread(
            () -> {
              try {
                armed.await();
                TimeUnit.NANOSECONDS.sleep(grace.toNanos());
                halt.accept(status);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "halt-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts the countdown; the process halts when the grace is over. */
  void arm() {
    armed.countDown();
  }
}
