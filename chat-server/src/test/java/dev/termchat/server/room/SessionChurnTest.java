package dev.termchat.server.room;

import static dev.termchat.server.room.RoomSteps.closeRoom;
import static dev.termchat.server.room.RoomSteps.joinIn;
import static dev.termchat.server.room.RoomSteps.register;
import static dev.termchat.server.room.RoomSteps.startedRoom;
import static dev.termchat.server.room.RoomSteps.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.Register;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions off line against churn, in the room and in {@link Sessions} alone: a flood of
 * connect/register/drop cycles must not push out a session held already, so no one can take a
 * dropped user's name by churning.
 */
class SessionChurnTest {
  private static final long HELD_UNTIL = Long.MAX_VALUE;

  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final MutableClock clock = new MutableClock(ChatRoomTest.NOW);
  private final ChatRoom room = startedRoom(RoomSettings.defaults(), clock, fatal);

  @AfterEach
  void close() {
    closeRoom(room, fatal);
  }

  @Test
  void theAttackAsTriedNeitherEndsTheVictimsSessionNorFreesItsName() throws Exception {
    FakeMember victim = FakeMember.extendedClientFrom("127.0.0.1");
    String token = token(joinIn(room, victim, new Register("victim")));
    room.leave(victim, "connection lost");
    victim.awaitLeft();

    // 21,120 connect/register/drop cycles from 330 loopback addresses, 64 from each, as tried.
    FakeMember last = null;
    for (int address = 0; address < 330; address++) {
      String host = "127.0." + address / 200 + "." + (address % 200 + 2);
      for (int cycle = 0; cycle < 64; cycle++) {
        last = FakeMember.extendedClientFrom(host);
        room.attach(last);
        room.join(last, new Register("churn" + address + "x" + cycle));
        room.leave(last, "connection lost");
      }
    }
    RoomSteps.awaitLeftBehindFlood(room, last);
    clock.advance(Duration.ofMinutes(1)); // Half the resume window.

    FakeMember thief = FakeMember.extendedClientFrom("127.0.0.2");
    assertEquals("victim-2", joinIn(room, thief, new Register("victim")).name(), "the name is still held");
    FakeMember back = FakeMember.extendedClientFrom("127.0.0.1");
    assertEquals("victim", joinIn(room, back, register("victim", "token=" + token)).name(), "its token still works");
  }

  @Test
  void aUserOnLineForMinutesKeepsItsSessionWhenItDropsAfterAFloodOfShortOnesFromThisMachine() throws Exception {
    FakeMember victim = FakeMember.extendedClientFrom("127.0.0.1");
    String token = token(joinIn(room, victim, new Register("alice")));
    clock.advance(Duration.ofMinutes(5)); // It talks for a while.

    // As tried: the whole total in register-and-drop sessions from this machine, then the victim drops.
    FakeMember last = null;
    for (int i = 0; i < OfflineSessions.MAX; i++) {
      last = FakeMember.extendedClientFrom("127.0." + i / 250 % 256 + "." + (i % 250 + 2));
      room.attach(last);
      room.join(last, new Register("flood" + i));
      room.leave(last, "connection lost");
    }
    RoomSteps.awaitLeftBehindFlood(room, last);
    room.leave(victim, "connection lost");
    victim.awaitLeft();

    FakeMember thief = FakeMember.extendedClientFrom("127.0.0.2");
    assertEquals("alice-2", joinIn(room, thief, new Register("alice")).name(), "the name is still held");
    FakeMember back = FakeMember.extendedClientFrom("127.0.0.1");
    assertEquals("alice", joinIn(room, back, register("alice", "token=" + token)).name(), "it resumes as itself");
  }

  @Test
  void theNewestSessionOfTheBusiestRangeGivesWayNotALoneOneDroppedLater() {
    Sessions sessions = new Sessions(false);
    // Full, from 80 ranges of 250 each (distinct addresses, as the per-address bound wants).
    int ranges = OfflineSessions.MAX / 250;
    for (int range = 0; range < ranges; range++) {
      for (int i = 0; i < 250; i++) {
        drop(sessions, "[2001:db8:" + Integer.toHexString(range) + ":1::" + Integer.toHexString(i / 50 + 1) + "]:4000");
      }
    }
    assertEquals(List.of(), sessions.takeEvicted(), "within the bound, nothing gives way");

    Session lone = drop(sessions, "[2001:db8:ffff:1::1]:4000");
    List<Session> evicted = sessions.takeEvicted();
    assertEquals(1, evicted.size());
    assertEquals("[2001:db8:" + Integer.toHexString(ranges - 1) + ":1::5]", evicted.get(0).host(), "the newest of a busiest range");
    assertTrue(sessions.resume(lone.token(), new Who("local", -1), ResumeToken.issue(), 0).isPresent(), "the lone one is held");
  }

  @Test
  void oneRangeHoldsOnlySoManySessionsFromHoweverManyAddressesTheNewestGivingWay() {
    Sessions sessions = new Sessions(false);
    Session first = drop(sessions, "203.0.113.1:4000");
    for (int i = 1; i < OfflineSessions.PER_RANGE; i++) {
      drop(sessions, "203.0.113." + (i % 250 + 1) + ":" + (5000 + i));
    }
    assertEquals(List.of(), sessions.takeEvicted());
    Session over = drop(sessions, "203.0.113.250:6000");
    assertEquals(List.of(over), sessions.takeEvicted(), "the range is full: the newest is not held");
    drop(sessions, "203.0.114.1:4000");
    assertEquals(List.of(), sessions.takeEvicted(), "another range is not");
    assertTrue(sessions.resume(first.token(), new Who("local", -1), ResumeToken.issue(), 0).isPresent());
  }

  @Test
  void aHundredUsersBehindALocalProxyDropAtOnceAndAllKeepTheirSessionsUnlessLoopbackIsLimited() throws Exception {
    List<String> tokens = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      FakeMember user = FakeMember.extendedClientFrom("127.0.0.1");
      tokens.add(token(joinIn(room, user, new Register("user" + i))));
      room.leave(user, "connection lost");
      user.awaitLeft();
    }
    for (int i = 0; i < 100; i++) {
      FakeMember back = FakeMember.extendedClientFrom("127.0.0.1");
      assertEquals("user" + i, joinIn(room, back, register("user" + i, "token=" + tokens.get(i))).name(), "resumed as itself");
    }

    Sessions limited = new Sessions(true);
    for (int i = 0; i < OfflineSessions.PER_ADDRESS; i++) {
      drop(limited, "127.0.0.1:" + (5000 + i));
    }
    assertEquals(List.of(), limited.takeEvicted());
    Session over = drop(limited, "127.0.0.1:6000");
    assertEquals(List.of(over), limited.takeEvicted(), "with loopback limited, its address's bound holds");
  }

  @Test
  void allOfThisMachineIsOneRangeBoundedByTheTotalAloneItsNewestGivingWay() {
    Sessions sessions = new Sessions(false);
    Session first = drop(sessions, "[::1]:4000");
    for (int i = 1; i < OfflineSessions.MAX; i++) {
      drop(sessions, "127." + (i % 7) + "." + (i % 250) + ".1:" + i % 60000);
    }
    assertEquals(List.of(), sessions.takeEvicted(), "no bound per address or range");
    drop(sessions, "203.0.113.1:4000");
    List<Session> evicted = sessions.takeEvicted();
    assertEquals(1, evicted.size());
    assertTrue(AddressRange.isLoopback(evicted.get(0).host()), "loopback, the busiest range, gives way: " + evicted.get(0).host());
    assertTrue(sessions.resume(first.token(), new Who("local", -1), ResumeToken.issue(), 0).isPresent(), "its oldest is held");
  }

  @Test
  void aSessionIsWorthTheTimeAllItsConnectionsWereOnLine() {
    Sessions sessions = new Sessions(false);
    Who first = new Who("local", ++connections);
    Session session = sessions.open(first, ResumeToken.issue(), "flaky", "203.0.113.1:4000", 0);
    sessions.dropped(first, 60_000, HELD_UNTIL);
    assertEquals(60_000, session.timeOnline());
    Who second = new Who("local", ++connections);
    sessions.resume(session.token(), second, ResumeToken.issue(), 70_000).orElseThrow();
    Who third = new Who("local", ++connections);
    sessions.resume(session.token(), third, ResumeToken.issue(), 80_000).orElseThrow(); // Taken from one on line.
    sessions.dropped(third, 100_000, HELD_UNTIL);
    assertEquals(90_000, session.timeOnline(), "60 s, then 10 s and 20 s on two more; the time off line between not counted");
  }

  private static long connections;

  /** A session opened from this address and dropped at once. */
  private static Session drop(Sessions sessions, String address) {
    Who who = new Who("local", ++connections);
    ResumeToken token = ResumeToken.issue();
    Session session = sessions.open(who, token, "n" + connections, address, 0);
    sessions.dropped(who, 0, HELD_UNTIL);
    return session;
  }
}
