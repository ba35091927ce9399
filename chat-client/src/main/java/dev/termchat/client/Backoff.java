package dev.termchat.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays between reconnection attempts: doubling from {@code initial} up to {@code max}, each
 * drawn at random from the upper half of its range, so that clients dropped together by a server
 * restart do not come back together.
 */
final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration initial, Duration max, RandomGenerator random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
    }
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  static Backoff standard() {
    return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), RandomGenerator.getDefault());
  }

  /** The delay before the given attempt, counting from 1. */
  Duration delayBefore(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, got " + attempt);
    }
    long ceiling = initial.toMillis() << Math.min(attempt - 1, 30);
    if (ceiling <= 0 || ceiling > max.toMillis()) {
      ceiling = max.toMillis();
    }
    long floor = ceiling / 2;
    return Duration.ofMillis(floor + random.nextLong(ceiling - floor + 1));
  }
}
