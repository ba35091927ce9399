package dev.termchat.server.edge;

/**
 * What one connection needs of the I/O thread it lives on: its clock, a way onto it, and its
 * socket's place in the selector. {@link IoLoop} gives each connection one; tests give one with
 * a clock they move. It names no connection, so the loop knows connections and they do not know
 * the loop.
 */
interface IoSlot {
  /** The I/O thread's clock, in nanoseconds. */
  long now();

  /** Whether the caller is on the I/O thread. */
  boolean onIoThread();

  /** Runs the task on the I/O thread, soon. */
  void execute(Runnable task);

  /** Runs the task now when on the I/O thread, otherwise soon on it. */
  default void runOnIoThread(Runnable task) {
    if (onIoThread()) {
      task.run();
    } else {
      execute(task);
    }
  }

  /** Asks to hear when the socket takes bytes again, or no longer to. On the I/O thread. */
  void watchWrites(boolean watch);

  /** The connection holds input that no readiness event will announce: it is read again soon. */
  void readSoon();

  /** The connection has closed for good: its socket leaves the selector, and the loop forgets it. */
  void released();
}
