package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A roster is read as of where its node built it, not where it landed in the log. */
class RosterClockTest {
  private final RosterClock clock = new RosterClock();
  private final Who alice = new Who("a", 1);

  @Test
  void aConnectionThatJoinedAfterTheRosterWasBuiltIsNotDroppedByIt() {
    clock.joined(alice, "1796003509033-0");
    assertTrue(clock.joinedBy(alice, "1796003509033-0"));
    assertTrue(clock.joinedBy(alice, "1796003509034-0"));
    assertFalse(clock.joinedBy(alice, "1796003509032-7"));
    assertFalse(clock.joinedBy(alice, null), "a roster built before anything was applied knows no one");
  }

  @Test
  void idsCompareAsNumbersNotAsText() {
    assertTrue(RosterClock.compare("9-1", "10-1") < 0);
    assertTrue(RosterClock.compare("10-2", "10-10") < 0);
    assertTrue(RosterClock.compare("10-2", "10-2") == 0);
  }

  @Test
  void aConnectionThatLeftLatelyIsNotBroughtBackByAnOlderRoster() {
    clock.joined(alice, "5-0");
    clock.left(alice, 1_000);
    assertTrue(clock.leftLately(alice));
    assertFalse(clock.joinedBy(alice, "9-0"));
    clock.expire(1_000 + 60_001);
    assertFalse(clock.leftLately(alice), "forgotten after a minute");
  }
}
