package dev.termchat.server.edge;

import java.util.concurrent.TimeUnit;

/**
 * How often one connection may ask for scrollback or search: {@value #BURST} at once, then one a
 * second (a token bucket). Each costs the server a query, and an answer up to 256 KiB; a client
 * scrolling or searching as a person does stays well within it. On the connection's clock, which
 * tests move. Not thread-safe: the I/O thread alone uses it.
 */
final class RecallRate {
  static final int BURST = 5;
  static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** When the bucket is full again; at most {@code BURST} intervals ahead of now is let through. */
  private long fullAt;

  RecallRate(long nowNanos) {
    this.fullAt = nowNanos;
  }

  /** Takes one, if there is one: 0, or else the nanoseconds until there is. */
  long take(long nowNanos) {
    long full = Math.max(fullAt, nowNanos);
    long wait = full + INTERVAL_NANOS - nowNanos - BURST * INTERVAL_NANOS;
    if (wait > 0) {
      return wait;
    }
    fullAt = full + INTERVAL_NANOS;
    return 0;
  }

  /** A wait as whole seconds, rounded up, for a person to read. */
  static long seconds(long nanos) {
    return (nanos + INTERVAL_NANOS - 1) / INTERVAL_NANOS;
  }
}
