package dev.termchat.server.account;

import dev.termchat.server.room.RateByKey;
import java.time.Clock;

/**
 * How many failed logins an address and an account may have: {@value #BURST} at once, then one
 * every {@value #INTERVAL_MILLIS} ms (Synapse's {@code rc_login}: burst 5, then 0.003 a second).
 * An attempt takes one from both before its password is hashed, and a login that succeeds gives
 * them back: so only failures count, and no burst of attempts in parallel gets past the bound.
 * An account's key counts whether or not the account exists, so the answer tells nothing.
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
  /** Keys kept before the whole ones are let go: an attack from many addresses stays bounded. */
  private static final int EXPIRE_PAST = 10_000;

  private final Clock clock;
  /** Guarded by {@code this}. */
  private final RateByKey<String> byAddress = RateByKey.every(INTERVAL_MILLIS, BURST);
  /** Guarded by {@code this}. */
  private final RateByKey<String> byAccount = RateByKey.every(INTERVAL_MILLIS, BURST);
  /** Guarded by {@code this}. */
  private final KnownAddresses known = new KnownAddresses();
  /** Keys taken since the last expiry. Guarded by {@code this}. */
  private int taken;

  LoginLimits(Clock clock) {
    this.clock = clock;
  }

  /**
   * Takes an attempt for the host and the account, if both have one left.
   *
   * @return 0 when taken, otherwise the milliseconds until one would be
   */
  synchronized long take(String host, String account) {
    long now = clock.millis();
    if (++taken > EXPIRE_PAST) {
      byAddress.expire(now);
      byAccount.expire(now);
      taken = 0;
    }
    long wait = byAddress.take(host, now);
    if (wait == 0 && account != null && !known.known(account, host, now)) {
      wait = byAccount.take(account, now);
      if (wait > 0) {
        byAddress.giveBack(host);
      }
    }
    return wait;
  }

  /** A wait in whole seconds, rounded up: what a client is told to wait. */
  static long seconds(long waitMillis) {
    return (waitMillis + 999) / 1000;
  }

  /**
   * The password was right: the attempt does not count, and the host is known to the account
   * from now on.
   */
  synchronized void succeeded(String host, String account) {
    notMade(host, account);
    if (account != null) {
      known.remember(account, host, clock.millis());
    }
  }

  /** The host made the account: it gives back its attempt, and is known to the account. */
  synchronized void registered(String host, String account) {
    byAddress.giveBack(host);
    known.remember(account, host, clock.millis());
  }

  /** The attempt was never made (the server too busy to hash it): it does not count. */
  synchronized void notMade(String host, String account) {
    byAddress.giveBack(host);
    if (account != null && !known.known(account, host, clock.millis())) {
      byAccount.giveBack(account);
    }
  }
}
