package dev.termchat.server.edge;

/**
 * A token bucket per connection: {@code burst} frames at once, then {@code rate} a second.
 * Frames past it are dropped; a connection that keeps sending well past it is flooding, and is
 * told to leave. Every dropped frame adds to a debt that drains at a quarter of the rate, so a
 * passing spike, or a client slightly over the rate, only loses frames, while one sending at
 * more than 1.25 times the rate runs up a debt of one burst within seconds and is disconnected.
 *
 * <p>Not thread-safe: Java-WebSocket hands each connection's frames to one worker thread.
 */
final class RateLimiter {
  enum Verdict {
    ALLOW,
    DROP,
    DISCONNECT
  }

  private static final double DEBT_DRAIN_SHARE = 0.25;

  private final double perNano;
  private final double burst;
  private double tokens;
  private double debt;
  private long lastNanos;

  RateLimiter(int perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  Verdict onFrame(long nowNanos) {
    double refill = Math.max(0, nowNanos - lastNanos) * perNano;
    lastNanos = nowNanos;
    tokens = Math.min(burst, tokens + refill);
    debt = Math.max(0, debt - refill * DEBT_DRAIN_SHARE);
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ALLOW;
    }
    debt += 1;
    return debt > burst ? Verdict.DISCONNECT : Verdict.DROP;
  }
}
