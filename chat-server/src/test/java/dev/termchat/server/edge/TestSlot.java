package dev.termchat.server.edge;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An I/O thread for one connection under test: the test's own thread, with a clock the test
 * moves. Tasks from other threads (the room's) wait until the test runs them.
 */
final class TestSlot implements IoSlot {
  private final Thread ioThread = Thread.currentThread();
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private volatile long now = 1_000_000_000L;
  /** Test thread only, as the I/O thread's. */
  private boolean watchingWrites;
  private int released;

  void advance(Duration duration) {
    now += duration.toNanos();
  }

  /** Runs what other threads asked of the I/O thread. */
  void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
    }
  }

  boolean watchingWrites() {
    return watchingWrites;
  }

  /** How many times the connection said it was released. */
  int releases() {
    return released;
  }

  @Override
  public long now() {
    return now;
  }

  @Override
  public boolean onIoThread() {
    return Thread.currentThread() == ioThread;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  @Override
  public void watchWrites(boolean watch) {
    watchingWrites = watch;
  }

  @Override
  public void readSoon() {
    // Only TLS holds input back, and a MemoryTransport holds none.
  }

  @Override
  public void released() {
    released++;
  }
}
