package dev.termchat.client;

import java.time.Duration;

/**
 * When lines the server could not take (unavailable) may go again: after a wait that doubles
 * with each round of them it refuses, up to a limit, and starts afresh once it takes one. A round
 * is the lines sent together before the answers came, so that ten lines refused at once double
 * the wait once, not ten times. Not thread-safe: confined to the session thread.
 */
final class RetryWait {
  /** The wait at first and at most: 1 s, doubling up to 8 s. */
  static final Duration FIRST = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofSeconds(8);

  private final Duration first;
  private final Duration max;
  private Duration next;
  /** When lines may go again, by {@link System#nanoTime}; 0 while nothing waits. */
  private long until;

  RetryWait(Duration first, Duration max) {
    this.first = first;
    this.max = max;
    this.next = first;
  }

  /**
   * The server could not take a line at {@code now}.
   *
   * @param roundOver whether every line sent with it has its answer
   */
  void refused(long now, boolean roundOver) {
    until = now + next.toNanos();
    if (roundOver) {
      Duration doubled = next.multipliedBy(2);
      next = doubled.compareTo(max) > 0 ? max : doubled;
    }
  }

  /** The server took a line: the next outage starts with the first wait again. */
  void taken() {
    until = 0;
    next = first;
  }

  /** How long from {@code now} until lines may go; 0 or less when they may go now. */
  long nanosLeft(long now) {
    return until == 0 ? 0 : until - now;
  }
}
