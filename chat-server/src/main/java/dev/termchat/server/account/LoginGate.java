package dev.termchat.server.account;

import java.util.Optional;

/**
 * Where an attempt at a password is counted: this node's {@link LoginLimits} on the I/O thread,
 * before anything is queued for hashing (so that a flood does not reach the pool), and in a
 * cluster the {@link SharedLoginLimits} every node counts on, asked on the pool. In a cluster the
 * node's own count is per address alone (not per range or account, whose counts know which
 * addresses are known to an account) and never holds what the shared count would let through
 * (it sees a part of the same attempts), so every node decides as the shared count does.
 * Thread-safe.
 */
final class LoginGate {
  private final LoginLimits here;
  private final Optional<SharedLoginLimits> shared;

  LoginGate(LoginLimits here, Optional<SharedLoginLimits> shared) {
    this.here = here;
    this.shared = shared;
  }

  /** On the I/O thread. @return 0 when taken, otherwise the milliseconds until one would be */
  long takeHere(String host, String account) {
    return here.take(host, ownRange(host), ownAccount(account));
  }

  /**
   * On the pool, after {@link #takeHere}: the cluster's count, if there is one; an attempt it
   * holds is given back here, as never made.
   *
   * @return 0 when taken, otherwise the milliseconds until one would be
   */
  long takeShared(String host, String account) {
    if (shared.isEmpty()) {
      return 0;
    }
    long wait = shared.get().take(host, here.rangeOf(host), account);
    if (wait > 0) {
      here.notMade(host, ownRange(host), ownAccount(account));
    }
    return wait;
  }

  /**
   * Whether the host logged in to the account lately, as this node knows; never in a cluster,
   * where the shared count knows it, on the pool. On the I/O thread.
   */
  boolean knownHere(String host, String account) {
    return account != null && shared.isEmpty() && here.known(host, account);
  }

  /** The password was right. On the pool. */
  void succeeded(String host, String account) {
    here.succeeded(host, ownRange(host), ownAccount(account));
    shared.ifPresent(limits -> limits.succeeded(host, here.rangeOf(host), account));
  }

  /** The host made the account. On the pool. */
  void registered(String host, String account) {
    here.registered(host, ownRange(host), account);
    shared.ifPresent(limits -> limits.registered(host, here.rangeOf(host), account));
  }

  /** The attempt taken here was never made (the pool full): the shared count was not asked. */
  void notMadeHere(String host, String account) {
    here.notMade(host, ownRange(host), ownAccount(account));
  }

  /** The host's range, where this node counts ranges: not in a cluster, where the shared count does. */
  private String ownRange(String host) {
    return shared.isPresent() ? null : here.rangeOf(host);
  }

  /** The account, where this node counts accounts: not in a cluster, where the shared count does. */
  private String ownAccount(String account) {
    return shared.isPresent() ? null : account;
  }
}
