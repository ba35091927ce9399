package dev.termchat.server.account;

import dev.termchat.server.room.AddressRange;
import dev.termchat.server.room.RateByKey;
import java.time.Clock;

/**
 * How many accounts one address may make: {@code perHour} at once, then one every hour divided
 * by {@code perHour} ({@code --registrations-per-hour}), so that no address fills the store with
 * names. Loopback (127.0.0.0/8, ::1) is exempt unless loopback is limited, as for the other bounds
 * per address: behind a proxy on this machine every client comes from there. A registration is
 * taken before its password is hashed and given back if no account came of it. Thread-safe; on
 * the clock given, which a test moves.
 */
final class RegistrationLimits {
  private static final long HOUR_MILLIS = 3_600_000;
  /** Addresses kept before the whole ones are let go: an attack from many addresses stays bounded. */
  private static final int EXPIRE_PAST = 10_000;

  private final Clock clock;
  private final boolean limitLoopback;
  /** Guarded by {@code this}. */
  private final RateByKey<String> byAddress;
  /** Addresses taken since the last expiry. Guarded by {@code this}. */
  private int taken;

  RegistrationLimits(Clock clock, int perHour, boolean limitLoopback) {
    this.clock = clock;
    this.limitLoopback = limitLoopback;
    this.byAddress = RateByKey.every(HOUR_MILLIS / perHour, perHour);
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
      taken = 0;
    }
    return byAddress.take(host, now);
  }

  /** No account came of the registration taken: it does not count. */
  synchronized void giveBack(String host) {
    if (!exempt(host)) {
      byAddress.giveBack(host);
    }
  }

  private boolean exempt(String host) {
    return !limitLoopback && AddressRange.isLoopback(host);
  }
}
