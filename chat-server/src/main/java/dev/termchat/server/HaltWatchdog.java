package dev.termchat.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Halts the process when the server can no longer serve and its orderly exit does not come in
 * time: a server that lives on without its threads, or hangs on its way out, is worse than one
 * that exits, which a supervisor (systemd, Kubernetes) restarts.
 *
 * <p>It acts when armed, by a fatal error, or when it finds the server unhealthy (its threads
 * gone) on its own, since a thread that runs out of memory may die before it can tell anyone.
 * Its thread starts at once and allocates nothing while it watches: once memory has run out, a
 * new thread, or a new object, may not be had. It also holds a reserve of memory, let go the
 * moment it acts, so that logging, an orderly exit, or the halt itself find some.
 */
final class HaltWatchdog {
  private static final long POLL_MILLIS = 500;
  private static final int RESERVE_BYTES = 2 * 1024 * 1024;

  /** Set by {@link #arm}; a volatile write, which needs no memory. */
  private volatile boolean armed;

  /** Let go when the watchdog acts. */
  private volatile byte[] reserve = new byte[RESERVE_BYTES];

  HaltWatchdog(Duration grace, int status, IntConsumer halt, BooleanSupplier healthy) {
    long graceMillis = grace.toMillis();
    loadHaltPath();
    Thread thread =
        new Thread(
            () -> {
              try {
                while (!armed && healthy.getAsBoolean()) {
                  Thread.sleep(POLL_MILLIS);
                }
                reserve = null;
                Thread.sleep(graceMillis);
                halt.accept(status);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "halt-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts the countdown and lets the reserve go; the process halts when the grace is over. */
  void arm() {
    reserve = null;
    armed = true;
  }

  /**
   * Loads and initializes the class that carries out a halt now, while there is memory: loading
   * a class takes heap, and the halt may come when there is none.
   */
  private static void loadHaltPath() {
    try {
      Class.forName("java.lang.Shutdown", true, null);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("every Java platform has java.lang.Shutdown", e);
    }
  }
}
