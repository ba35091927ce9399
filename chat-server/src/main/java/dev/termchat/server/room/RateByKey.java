package dev.termchat.server.room;

import java.util.HashMap;
import java.util.Map;

/**
 * A rate per key on the log's time: {@code burst} at once, then one every interval (the generic
 * cell rate algorithm, one number a key: when its allowance is next whole). It reads no clock,
 * only the times it is given, so that every node applying one log allows the same. Confined to
 * the room thread.
 */
public final class RateByKey<K> {
  private final long intervalMillis;
  /** How far ahead of now a key's next whole allowance may be and still be let through. */
  private final long toleranceMillis;
  /** When each key's allowance is whole again; a key that is whole is not kept. */
  private final Map<K, Long> wholeAt = new HashMap<>();

  /**
   * @param perMinute how many a minute, sustained
   * @param burst how many at once
   */
  RateByKey(int perMinute, int burst) {
    this(60_000L / Math.max(1, perMinute), burst);
    if (perMinute < 1) {
      throw new IllegalArgumentException("a rate of at least 1, not " + perMinute);
    }
  }

  private RateByKey(long intervalMillis, int burst) {
    if (burst < 1) {
      throw new IllegalArgumentException("a burst of at least 1, not " + burst);
    }
    this.intervalMillis = Math.max(1, intervalMillis);
    this.toleranceMillis = (burst - 1) * this.intervalMillis;
  }

  /** {@code burst} at once, then one every {@code intervalMillis}: for rates under one a minute. */
  public static <K> RateByKey<K> every(long intervalMillis, int burst) {
    return new RateByKey<>(intervalMillis, burst);
  }

  /**
   * Takes one for the key, if it has one left.
   *
   * @return 0 when taken, otherwise the milliseconds until it would be
   */
  public long take(K key, long now) {
    long whole = Math.max(wholeAt.getOrDefault(key, now), now);
    long wait = whole - toleranceMillis - now;
    if (wait > 0) {
      return wait;
    }
    wholeAt.put(key, whole + intervalMillis);
    return 0;
  }

  /** Gives back one taken for the key: what it was taken for did not count after all. */
  public void giveBack(K key) {
    wholeAt.computeIfPresent(key, (k, whole) -> whole - intervalMillis);
  }

  public void forget(K key) {
    wholeAt.remove(key);
  }

  /** Forgets the keys whose allowance is whole again: they are as good as new. */
  public void expire(long now) {
    wholeAt.values().removeIf(whole -> whole <= now);
  }
}
