package dev.termchat.server.account;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The addresses each account was lately logged in to from, with its password: an address that
 * proved it knows an account's password is not held by that account's limit on failed logins
 * (only by its own), so that guesses from many other addresses cannot lock the owner out where
 * the owner has been before. Bounded in time ({@link #KEPT}), per account ({@value #PER_ACCOUNT},
 * the newest kept) and in accounts ({@value #ACCOUNTS}, those used longest ago let go first).
 * Not thread-safe: {@link LoginLimits} guards it.
 */
final class KnownAddresses {
  static final Duration KEPT = Duration.ofDays(30);
  static final int PER_ACCOUNT = 10;
  static final int ACCOUNTS = 10_000;

  /** Account key to its addresses, each with when it last logged in; in order of use, oldest first. */
  private final Map<String, LinkedHashMap<String, Long>> byAccount = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, LinkedHashMap<String, Long>> eldest) {
      return size() > ACCOUNTS;
    }
  };

  /** The host logged in to the account at {@code now}. */
  void remember(String account, String host, long now) {
    LinkedHashMap<String, Long> hosts = byAccount.computeIfAbsent(account, any -> new LinkedHashMap<>());
    hosts.remove(host);
    hosts.put(host, now);
    Iterator<String> oldest = hosts.keySet().iterator();
    while (hosts.size() > PER_ACCOUNT) {
      oldest.next();
      oldest.remove();
    }
  }

  /** Whether the host logged in to the account within {@link #KEPT} of {@code now}. */
  boolean known(String account, String host, long now) {
    Map<String, Long> hosts = byAccount.get(account);
    Long last = hosts == null ? null : hosts.get(host);
    return last != null && now - last <= KEPT.toMillis();
  }
}
