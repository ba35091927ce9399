package dev.termchat.server.account;

import dev.termchat.server.room.AddressRange;
import dev.termchat.server.room.RateByKey;
import java.time.Clock;

/**
 * How many failed logins an address and an account may have: {@value #BURST} at once, then one
 * every {@value #INTERVAL_MILLIS} ms (Synapse's {@code rc_login}: burst 5, then 0.003 a second).
 * An attempt takes one from both before its password is hashed, and a login that succeeds gives
 * them back: so only failures count, and no burst of attempts in parallel gets past the bound.
 * An account's key counts whether or not the account exists, so the answer tells nothing.
 *
 * <p>An address range (a /24, a /64: {@link AddressRange}) has {@value #RANGE_FACTOR} addresses'
 * worth together ({@value #RANGE_BURST} at once, then one every {@value #RANGE_INTERVAL_MILLIS} ms), so
 * that addresses taken in turn from one network (a whole /64 is one IPv6 host's) guess no faster
 * than a few addresses would. This machine (127.0.0.0/8, ::1) is exempt from the range's count
 * unless loopback is limited: behind a proxy on it, every client comes from there.
 *
 * <p>An address that logged in to the account lately ({@link KnownAddresses}) is held by its
 * own limit alone, not the account's: else anyone could lock an owner out by failing logins to the
 * account from many addresses. The trade-off: on an address it has not used lately the owner can
 * still be held while such an attack lasts, and guesses from an address that once knew the
 * password (a shared one, behind one NAT) are bounded by that address's limit only.
 * Thread-safe; on the clock given, which a test moves.
 */
final class LoginLimits {
  static final int BURST = 5;
  static final long INTERVAL_MILLIS = 333_333;
  /** How many addresses' worth of failures one address range has together. */
  static final int RANGE_FACTOR = 5;
  static final int RANGE_BURST = BURST * RANGE_FACTOR;
  static final long RANGE_INTERVAL_MILLIS = INTERVAL_MILLIS / RANGE_FACTOR;
  /** Keys kept before the whole ones are let go: an attack from many addresses stays bounded. */
  private static final int EXPIRE_PAST = 10_000;

  private final Clock clock;
  private final boolean limitLoopback;
  /** Guarded by {@code this}. */
  private final RateByKey<String> byAddress = RateByKey.every(INTERVAL_MILLIS, BURST);
  /** Guarded by {@code this}. */
  private final RateByKey<String> byRange = RateByKey.every(RANGE_INTERVAL_MILLIS, RANGE_BURST);
  /** Guarded by {@code this}. */
  private final RateByKey<String> byAccount = RateByKey.every(INTERVAL_MILLIS, BURST);
  /** Guarded by {@code this}. */
  private final KnownAddresses known = new KnownAddresses();
  /** Keys taken since the last expiry. Guarded by {@code this}. */
  private int taken;

  /** @param limitLoopback whether this machine's addresses are counted per range too */
  LoginLimits(Clock clock, boolean limitLoopback) {
    this.clock = clock;
    this.limitLoopback = limitLoopback;
  }

  /**
   * Takes an attempt for the host, its range and the account, if each has one left. A host known
   * to the account is held by its own count alone.
   *
   * @param range the host's range, as {@link #rangeOf} says, or {@code null} not to count it
   * @return 0 when taken, otherwise the milliseconds until one would be
   */
  synchronized long take(String host, String range, String account) {
    long now = clock.millis();
    if (++taken > EXPIRE_PAST) {
      byAddress.expire(now);
      byRange.expire(now);
      byAccount.expire(now);
      taken = 0;
    }
    long wait = byAddress.take(host, now);
    if (wait > 0 || (account != null && known.known(account, host, now))) {
      return wait;
    }
    if (range != null) {
      wait = byRange.take(range, now);
      if (wait > 0) {
        byAddress.giveBack(host);
        return wait;
      }
    }
    if (account != null) {
      wait = byAccount.take(account, now);
      if (wait > 0) {
        byAddress.giveBack(host);
        if (range != null) {
          byRange.giveBack(range);
        }
      }
    }
    return wait;
  }

  /** Whether the host logged in to the account lately. */
  synchronized boolean known(String host, String account) {
    return known.known(account, host, clock.millis());
  }

  /** The host's range that is counted, or {@code null} for this machine when loopback is exempt. */
  String rangeOf(String host) {
    return AddressRange.countedRange(host, limitLoopback);
  }

  /** A wait in whole seconds, rounded up: what a client is told to wait. */
  static long seconds(long waitMillis) {
    return (waitMillis + 999) / 1000;
  }

  /**
   * The password was right: the attempt does not count, and the host is known to the account
   * from now on. The range as it was given to {@link #take}.
   */
  synchronized void succeeded(String host, String range, String account) {
    notMade(host, range, account);
    if (account != null) {
      known.remember(account, host, clock.millis());
    }
  }

  /** The host made the account: it gives back its attempt, and is known to the account. */
  synchronized void registered(String host, String range, String account) {
    notMade(host, range, null);
    known.remember(account, host, clock.millis());
  }

  /** The attempt was never made (the server too busy to hash it): it does not count. */
  synchronized void notMade(String host, String range, String account) {
    byAddress.giveBack(host);
    if (account != null && known.known(account, host, clock.millis())) {
      return;
    }
    if (range != null) {
      byRange.giveBack(range);
    }
    if (account != null) {
      byAccount.giveBack(account);
    }
  }
}
