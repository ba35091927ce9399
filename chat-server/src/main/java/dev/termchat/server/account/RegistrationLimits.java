package dev.termchat.server.account;

import dev.termchat.server.room.AddressRange;
import dev.termchat.server.room.RateByKey;
import java.time.Clock;
import java.util.Optional;

/**
 * How many accounts one address may make: {@code perHour} at once, then one every hour divided
 * by {@code perHour} ({@code --registrations-per-hour}), so that no address fills the store with
 * names. Loopback (127.0.0.0/8, ::1) is exempt unless loopback is limited, as for the other bounds
 * per address: behind a proxy on this machine every client comes from there. A registration is
 * taken before its password is hashed and given back if no account came of it. In a cluster the
 * count every node shares is asked too, on the hashing pool; this node's, a part of the same
 * registrations, never holds what it would let through. One address range (a /24, a /64) makes
 * at most {@value #RANGE_FACTOR} addresses' worth together, so that addresses taken in turn
 * from one network make no more; a range's count is taken after the address's and given back
 * with it. Thread-safe; on the clock given, which a test moves.
 */
final class RegistrationLimits {
  private static final long HOUR_MILLIS = 3_600_000;
  /** Addresses kept before the whole ones are let go: an attack from many addresses stays bounded. */
  private static final int EXPIRE_PAST = 10_000;
  /** How many addresses' worth of accounts one address range makes together. */
  static final int RANGE_FACTOR = 2;

  private final Clock clock;
  private final boolean limitLoopback;
  private final long intervalMillis;
  private final int burst;
  private final Optional<SharedLoginLimits> shared;
  /** Guarded by {@code this}. */
  private final RateByKey<String> byAddress;
  /** Guarded by {@code this}. */
  private final RateByKey<String> byRange;
  /** Addresses taken since the last expiry. Guarded by {@code this}. */
  private int taken;

  RegistrationLimits(Clock clock, int perHour, boolean limitLoopback, Optional<SharedLoginLimits> shared) {
    this.clock = clock;
    this.limitLoopback = limitLoopback;
    this.intervalMillis = HOUR_MILLIS / perHour;
    this.burst = perHour;
    this.shared = shared;
    this.byAddress = RateByKey.every(intervalMillis, burst);
    this.byRange = RateByKey.every(intervalMillis / RANGE_FACTOR, burst * RANGE_FACTOR);
  }

  /**
   * Takes a registration for the host, if it has one left.
   *
   * @return 0 when taken (or the host is exempt), otherwise the milliseconds until one would be
   */
  synchronized long take(String host) {
    if (exempt(host)) {
      return 0;
    }
    long now = clock.millis();
    if (++taken > EXPIRE_PAST) {
      byAddress.expire(now);
      byRange.expire(now);
      taken = 0;
    }
    long wait = byAddress.take(host, now);
    if (wait == 0) {
      wait = byRange.take(AddressRange.rangeOf(host), now);
      if (wait > 0) {
        byAddress.giveBack(host);
      }
    }
    return wait;
  }

  /**
   * On the pool, after {@link #take}: the cluster's count, if there is one; a registration it
   * holds is given back here.
   *
   * @return 0 when taken (or there is no shared count, or the host is exempt), otherwise the
   *     milliseconds until one would be
   */
  long takeShared(String host) {
    if (shared.isEmpty() || exempt(host)) {
      return 0;
    }
    long wait = shared.get().takeRegistration(host, intervalMillis, burst);
    if (wait == 0) {
      // The range's count is kept under its own key, "203.0.113.0/24", which no address is.
      wait = shared.get().takeRegistration(AddressRange.rangeOf(host), intervalMillis / RANGE_FACTOR, burst * RANGE_FACTOR);
      if (wait > 0) {
        shared.get().giveBackRegistration(host, intervalMillis);
      }
    }
    if (wait > 0) {
      giveBack(host);
    }
    return wait;
  }

  /** No account came of the registration taken here, before the shared count was asked. */
  synchronized void giveBack(String host) {
    if (!exempt(host)) {
      byAddress.giveBack(host);
      byRange.giveBack(AddressRange.rangeOf(host));
    }
  }

  /** No account came of the registration taken here and from the shared count. On the pool. */
  void giveBackEverywhere(String host) {
    giveBack(host);
    if (shared.isPresent() && !exempt(host)) {
      shared.get().giveBackRegistration(host, intervalMillis);
      shared.get().giveBackRegistration(AddressRange.rangeOf(host), intervalMillis / RANGE_FACTOR);
    }
  }

  private boolean exempt(String host) {
    return !limitLoopback && AddressRange.isLoopback(host);
  }
}
