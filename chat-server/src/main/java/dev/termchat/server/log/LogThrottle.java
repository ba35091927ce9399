package dev.termchat.server.log;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Lets through at most so many lines a second of one kind that clients can cause, such as
 * dropped frames or refused connections, and sums up the rest: a client must not be able to
 * fill the operator's disk, or spend the server's time on logging. Thread-safe.
 */
public final class LogThrottle {
  private static final long SECOND_NANOS = 1_000_000_000L;

  private final int perSecond;
  private final String what;
  private final Consumer<String> summary;
  private final LongSupplier clock;

  /** Guarded by this. */
  private long windowStart;
  private int logged;
  private int suppressed;

  /**
   * @param perSecond lines let through a second
   * @param what what the lines are about, for the summary: "dropped frames"
   * @param summary where the summary of suppressed lines goes, e.g. {@code log::info}
   */
  public LogThrottle(int perSecond, String what, Consumer<String> summary) {
    this(perSecond, what, summary, System::nanoTime);
  }

  LogThrottle(int perSecond, String what, Consumer<String> summary, LongSupplier clock) {
    this.perSecond = perSecond;
    this.what = what;
    this.summary = summary;
    this.clock = clock;
    this.windowStart = clock.getAsLong();
  }

  /** Whether this line may be logged; if not, it is counted for the next summary. */
  public boolean allow() {
    int dropped = 0;
    boolean allowed;
    synchronized (this) {
      long now = clock.getAsLong();
      if (now - windowStart >= SECOND_NANOS) {
        dropped = suppressed;
        windowStart = now;
        logged = 0;
        suppressed = 0;
      }
      allowed = logged < perSecond;
      if (allowed) {
        logged++;
      } else {
        suppressed++;
      }
    }
    if (dropped > 0) {
      summary.accept(dropped + " more " + what + " not logged in the second before");
    }
    return allowed;
  }
}
