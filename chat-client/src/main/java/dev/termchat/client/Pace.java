package dev.termchat.client;

/**
 * How fast this client sends: a token bucket kept inside the server's rate limit, so that lines
 * piped in faster than the server takes them are held back here rather than dropped there. It
 * runs at nine tenths of the server's rate with half its burst, which leaves the server's own
 * bucket room for the register frame and for frames that arrive bunched up.
 *
 * <p>Not thread-safe: confined to the session thread.
 */
final class Pace {
  /** What this server says when it names no rate: its default. */
  static final int DEFAULT_RATE = 30;
  static final int DEFAULT_BURST = 60;
  private static final double RATE_SHARE = 0.9;

  private final double perNano;
  private final double capacity;
  private double tokens;
  private long lastNanos;

  Pace(int serverRate, int serverBurst, long nowNanos) {
    this.perNano = serverRate * RATE_SHARE / 1e9;
    this.capacity = Math.max(1, serverBurst / 2);
    this.tokens = capacity;
    this.lastNanos = nowNanos;
  }

  static Pace standard(long nowNanos) {
    return new Pace(DEFAULT_RATE, DEFAULT_BURST, nowNanos);
  }

  /** Takes a token if there is one. */
  boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** How long until the next token. */
  long nanosUntilNext(long nowNanos) {
    refill(nowNanos);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
  }

  private void refill(long nowNanos) {
    tokens = Math.min(capacity, tokens + Math.max(0, nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
  }
}
