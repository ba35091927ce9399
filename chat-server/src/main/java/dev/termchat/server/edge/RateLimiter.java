package dev.termchat.server.edge;

/**
 * The rate limit of one connection: {@code burst} frames at once, then {@code rate} a second;
 * frames past it are dropped. Only a sustained excess closes the connection: more than 1.25 times
 * the rate, on average, over {@value #WINDOW_SECONDS} seconds, on top of a burst. So a spike, a
 * paste, or a client slightly over the rate only loses frames, while a flood is closed within
 * its first few hundred frames.
 *
 * <p>Two token buckets: the rate's, and one of patience that every frame draws on, allowed or
 * not, refilled at 1.25 times the rate and holding a burst and {@value #WINDOW_SECONDS} seconds
 * of that.
 *
 * <p>Not thread-safe: the I/O thread alone uses it.
 */
final class RateLimiter {
  enum Verdict {
    ALLOW,
    DROP,
    DISCONNECT
  }

  private static final double TOLERATED_SHARE = 1.25;
  static final int WINDOW_SECONDS = 10;

  private final double perNano;
  private final double burst;
  private final double patiencePerNano;
  private final double patienceCapacity;
  private double tokens;
  private double patience;
  private long lastNanos;

  RateLimiter(int perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.patiencePerNano = perNano * TOLERATED_SHARE;
    this.patienceCapacity = burst + perSecond * TOLERATED_SHARE * WINDOW_SECONDS;
    this.tokens = burst;
    this.patience = patienceCapacity;
    this.lastNanos = nowNanos;
  }

  Verdict onFrame(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - lastNanos);
    lastNanos = nowNanos;
    tokens = Math.min(burst, tokens + elapsed * perNano);
    patience = Math.min(patienceCapacity, patience + elapsed * patiencePerNano);
    patience -= 1;
    if (patience < 0) {
      return Verdict.DISCONNECT;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ALLOW;
    }
    return Verdict.DROP;
  }
}
