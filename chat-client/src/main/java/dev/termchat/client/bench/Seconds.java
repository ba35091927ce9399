package dev.termchat.client.bench;

import java.time.Duration;

/** A number of seconds from the command line, as a duration. */
final class Seconds {
  /** A day: past any run, and far from where a long of nanoseconds overflows. */
  static final double MAX = 86_400;

  private Seconds() {}

  /**
   * @param option the option's name, for the error
   * @throws IllegalArgumentException for no number at all (NaN), infinity or more than a day; a
   *     negative one is left to the options' own checks
   */
  static Duration of(String option, double value) {
    if (Double.isNaN(value) || value > MAX) {
      throw new IllegalArgumentException(option + " must be a number of seconds up to " + (long) MAX + ", not " + value);
    }
    return Duration.ofNanos(Math.round(Math.max(value, -MAX) * 1e9));
  }
}
