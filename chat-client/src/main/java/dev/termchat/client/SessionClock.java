package dev.termchat.client;

/**
 * Time as a session's parts see it, and the timers they set: each timer runs its task on the
 * session thread, as every other event does. The session thread's clock in the program; a clock
 * the test moves in the parts' tests.
 */
interface SessionClock {
  /** Now, in nanoseconds from an arbitrary origin, as {@link System#nanoTime}. */
  long nanoTime();

  /** Runs the task on the session thread once this long has passed. */
  Timer after(long nanos, Runnable task);

  /** A task waiting for its time. */
  interface Timer {
    /** It will not run, if it has not yet. */
    void cancel();

    /** Whether it ran or was cancelled. */
    boolean done();

    /** How long until it runs; 0 or less once due. */
    long nanosLeft();
  }
}
