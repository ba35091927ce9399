package dev.termchat.server.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The addresses an account logged in from are bounded in time, per account and in accounts. */
class KnownAddressesTest {
  private final KnownAddresses known = new KnownAddresses();

  @Test
  void anAddressIsKnownForThirtyDaysAfterItsLastLogin() {
    known.remember("alice", "203.0.113.5", 0);
    long days30 = KnownAddresses.KEPT.toMillis();
    assertTrue(known.known("alice", "203.0.113.5", days30));
    assertFalse(known.known("alice", "203.0.113.5", days30 + 1));
    assertFalse(known.known("bob", "203.0.113.5", 0), "known to its own account alone");
  }

  @Test
  void anAccountKeepsItsNewestTenAddresses() {
    for (int i = 0; i <= KnownAddresses.PER_ACCOUNT; i++) {
      known.remember("alice", "203.0.113." + i, i);
    }
    assertFalse(known.known("alice", "203.0.113.0", 100), "the oldest went");
    assertTrue(known.known("alice", "203.0.113.1", 100));
    assertTrue(known.known("alice", "203.0.113." + KnownAddresses.PER_ACCOUNT, 100));
  }

  @Test
  void theAccountUsedLongestAgoIsForgottenFirstPastTheBound() {
    for (int i = 0; i <= KnownAddresses.ACCOUNTS; i++) {
      known.remember("user" + i, "203.0.113.5", i);
    }
    assertFalse(known.known("user0", "203.0.113.5", 0));
    assertTrue(known.known("user1", "203.0.113.5", 1));
  }
}
