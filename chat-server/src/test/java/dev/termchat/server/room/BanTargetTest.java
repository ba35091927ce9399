package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a ban is on: names by their keys, addresses, and IPv4 and IPv6 ranges, read from text alone. */
class BanTargetTest {
  private static BanTarget parsed(String text) {
    return BanTarget.parse(text).orElseThrow(() -> new AssertionError(text + " is a target"));
  }

  @Test
  void anIpv4RangeHoldsEveryAddressInsideItAndNoOther() {
    BanTarget range = parsed("203.0.113.77/24");
    assertEquals("203.0.113.77/24", range.text());
    assertTrue(range.matches(null, "203.0.113.5"));
    assertTrue(range.matches(BanNames.formsOf("anyone"), "203.0.113.254"));
    assertFalse(range.matches(null, "203.0.114.5"));
    assertFalse(range.matches(null, "[2001:db8::1]"), "an IPv6 address is in no IPv4 range");
  }

  @Test
  void anIpv6RangeHoldsTheAddressesOfItsPrefixWhicheverWayTheyAreWritten() {
    BanTarget range = parsed("2001:db8:aa::/48");
    assertTrue(range.matches(null, "[2001:db8:aa:ffff::1]"));
    assertTrue(range.matches(null, "2001:0db8:00aa:0000:0000:0000:0000:0002"));
    assertFalse(range.matches(null, "[2001:db8:ab::1]"));
    assertFalse(range.matches(null, "203.0.113.5"));
  }

  @Test
  void anAddressIsARangeOfOne() {
    BanTarget one = parsed("198.51.100.7");
    assertTrue(one.matches(null, "198.51.100.7"));
    assertFalse(one.matches(null, "198.51.100.8"));
    assertTrue(parsed("::1").matches(null, "[0:0:0:0:0:0:0:1]"));
  }

  @Test
  void aNameMatchesItsLookAlikesAndNoAddress() {
    BanTarget name = parsed("Mallory");
    assertTrue(name.isName());
    assertTrue(name.matches(BanNames.formsOf("MALLORY"), "203.0.113.5"));
    assertFalse(name.matches(BanNames.formsOf("mallory2"), "203.0.113.5"));
    assertFalse(name.matches(null, "203.0.113.5"), "a guest not named yet");
  }

  @Test
  void aNameBanHoldsOnLookAlikesThatNamesTellApart() {
    BanTarget bob = parsed("bob");
    // Names of their own (uniqueness keeps björn and bjorn apart), yet the same name to a ban.
    for (String lookAlike : List.of("\u0185ob", "bob\u0301", "b\u00F6b", "BOB", "\u0183ob", "\u0184OB", "b\u200Bob")) {
      assertTrue(bob.matches(BanNames.formsOf(lookAlike), "203.0.113.5"), lookAlike);
    }
    for (String other : List.of("rob", "bobby", "bo", "\u30AC\u30AE")) {
      assertFalse(bob.matches(BanNames.formsOf(other), "203.0.113.5"), other);
    }
    assertTrue(parsed("\u0185ob").matches(BanNames.formsOf("bob"), "203.0.113.5"), "and the other way");
    assertFalse(parsed("\u30AB\u30AD").matches(BanNames.formsOf("\u30AC\u30AE"), "203.0.113.5"), "the kana voicing mark is writing");
  }

  @Test
  void aRangeThatIsNoneIsRefusedAndTextIsNeverLookedUp() {
    assertEquals(Optional.empty(), BanTarget.parse("203.0.113.0/33"));
    assertEquals(Optional.empty(), BanTarget.parse("2001:db8::/129"));
    assertEquals(Optional.empty(), BanTarget.parse("example.org/24"));
    assertEquals(Optional.empty(), BanTarget.parse("203.0.113.0/x"));
    assertEquals(Optional.empty(), BanTarget.parse("999.0.0.1/8"));
    assertTrue(parsed("localhost").isName(), "a host name is a user's name here, never resolved");
  }
}
