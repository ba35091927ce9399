package dev.termchat.server.room;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The bytes a second that users lists may take to all of this node's clients together. A list
 * is sent whole or not at all, and may cost far more than a second's worth (2,000 names of 116
 * bytes, to 2,000 clients: 476 MB), so the budget is kept as a time: a list may go once the cost
 * of those before it has been paid at the budget's rate, and its own cost then pushes that time
 * on. Up to a second's worth may be saved while no list goes, so that a quiet room answers a join
 * at once. No list may go early, whatever asks for it: over any stretch of time, lists take at
 * most the budget for that time, a second's worth, and the cost of the last list sent. Confined
 * to the room thread.
 */
final class ListBudget {
  private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final long bytesPerSecond;
  private final LongSupplier nanoTime;
  /** When what was spent is paid; no earlier than a second ago, the most that may be saved. */
  private long paidAt;

  ListBudget(long bytesPerSecond, LongSupplier nanoTime) {
    if (bytesPerSecond < 1) {
      throw new IllegalArgumentException("a budget of at least a byte a second, not " + bytesPerSecond);
    }
    this.bytesPerSecond = bytesPerSecond;
    this.nanoTime = nanoTime;
    this.paidAt = nanoTime.getAsLong() - SECOND_NANOS;
  }

  /** How long until a list may go; 0 when it may now. */
  long nanosUntilAllowed() {
    return Math.max(0, paidAt - nanoTime.getAsLong());
  }

  boolean allows() {
    return nanosUntilAllowed() == 0;
  }

  /** A list went: {@code bytes} on the wire, to every recipient together. */
  void spend(long bytes) {
    long now = nanoTime.getAsLong();
    long from = Math.max(paidAt, now - SECOND_NANOS);
    paidAt = from + (long) ((double) bytes * SECOND_NANOS / bytesPerSecond);
  }
}
