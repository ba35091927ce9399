package dev.termchat.server.room;

import static dev.termchat.server.room.RoomSteps.closeRoom;
import static dev.termchat.server.room.RoomSteps.joinIn;
import static dev.termchat.server.room.RoomSteps.skipTo;
import static dev.termchat.server.room.RoomSteps.startedRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Renamed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Renames per connection and per address range, and joins per address range, have rates of their own, far below the
 * message rate: each is a frame and a users list to everyone. On the log's time, which the test
 * moves.
 */
class PresenceRatesTest {
  /** Renames: one every 5 s, 3 at once; joins: one a second from a range, 2 at once. */
  private static final PresenceLimits LIMITS = new PresenceLimits(12, 3, 60, 2, false, PresenceLimits.DEFAULT_LIST_NAMES);

  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final MutableClock clock = new MutableClock(ChatRoomTest.NOW);
  private ChatRoom room = roomWith(LIMITS);

  private ChatRoom roomWith(PresenceLimits limits) {
    RoomSettings defaults = RoomSettings.defaults();
    return startedRoom(
        new RoomSettings(defaults.node(), true, defaults.historySize(), defaults.maxRooms(), defaults.maxRoomsPerConnection(), defaults.resumeWindow(), limits), clock, fatal);
  }

  @AfterEach
  void close() {
    closeRoom(room, fatal);
  }

  @Test
  void aConnectionRenamesABurstThenOnceEveryFewSecondsAndIsToldWhyNotInBetween() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    joinIn(room, alice, new Register("alice"));
    FakeMember bob = FakeMember.extendedClient();
    joinIn(room, bob, new Register("bob"));
    for (int i = 1; i <= 3; i++) {
      room.rename(alice, "alice" + i);
      assertEquals("alice" + i, skipTo(alice, Register.class).name());
    }
    room.rename(alice, "alice4");
    ErrorReply refused = skipTo(alice, ErrorReply.class);
    assertEquals(ErrorCode.RATE_LIMITED.wireName(), refused.code());
    assertTrue(refused.reason().contains("your name is still alice3; try again in 5 s"), refused.reason());
    assertEquals("alice3", alice.name());

    clock.advance(Duration.ofMillis(4_999));
    room.rename(alice, "alice5");
    assertEquals("try again in 1 s", tail(skipTo(alice, ErrorReply.class).reason()));
    clock.advance(Duration.ofMillis(1));
    room.rename(alice, "alice6");
    assertEquals("alice6", skipTo(alice, Register.class).name());
    for (String renamed : List.of("alice1", "alice2", "alice3", "alice6")) {
      assertEquals(renamed, skipTo(bob, Renamed.class).to(), "the others heard of the renames that went, and only those");
    }
  }

  @Test
  void theConnectionsOfOneAddressRangeTogetherRenameFiveConnectionsWorthAndLoopbackIsExempt() throws Exception {
    room.close();
    room = roomWith(new PresenceLimits(12, 3, 60, 100, false, PresenceLimits.DEFAULT_LIST_NAMES));
    List<FakeMember> crowd = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      FakeMember member = FakeMember.extendedClientFrom("203.0.113." + (i + 1));
      joinIn(room, member, new Register("m" + i));
      crowd.add(member);
    }
    for (int i = 0; i < 5; i++) {
      for (int n = 1; n <= 3; n++) {
        room.rename(crowd.get(i), "m" + i + "x" + n);
        assertEquals("m" + i + "x" + n, skipTo(crowd.get(i), Register.class).name());
      }
    }
    FakeMember sixth = crowd.get(5);
    room.rename(sixth, "m5x1");
    ErrorReply refused = skipTo(sixth, ErrorReply.class);
    assertEquals(ErrorCode.RATE_LIMITED.wireName(), refused.code());
    assertEquals(
        "too many renames from 203.0.113.0/24 lately (60 a minute, 15 at once); your name is still m5; try again in 1 s",
        refused.reason());

    FakeMember elsewhere = FakeMember.extendedClientFrom("203.0.114.1");
    joinIn(room, elsewhere, new Register("elsewhere"));
    room.rename(elsewhere, "moved");
    assertEquals("moved", skipTo(elsewhere, Register.class).name(), "another range");
    clock.advance(Duration.ofSeconds(1));
    room.rename(sixth, "m5x2");
    assertEquals("m5x2", skipTo(sixth, Register.class).name());

    for (int i = 0; i < 6; i++) {
      FakeMember local = FakeMember.extendedClientFrom("127.0.0." + (i + 1));
      joinIn(room, local, new Register("local" + i));
      for (int n = 1; n <= 3; n++) {
        room.rename(local, "local" + i + "x" + n);
        assertEquals("local" + i + "x" + n, skipTo(local, Register.class).name(), "loopback is exempt");
      }
    }
  }

  @Test
  void joinsFromOneAddressRangeComeABurstThenOneASecondAndTheRestAreTurnedAwayAndLetGo() throws Exception {
    joinIn(room, FakeMember.extendedClientFrom("203.0.113.1"), new Register("a"));
    joinIn(room, FakeMember.baseClientFrom("203.0.113.200"), new Register("b"));
    assertEquals(
        "too many joins from 203.0.113.0/24 lately (60 a minute, 2 at once); try again in 1 s",
        refusedJoin("203.0.113.77").reason());
    assertEquals(List.of("a", "b"), room.names());

    assertEquals("d", joinIn(room, FakeMember.extendedClientFrom("203.0.114.1"), new Register("d")).name(), "another range");
    clock.advance(Duration.ofSeconds(1));
    assertEquals("c", joinIn(room, FakeMember.extendedClientFrom("203.0.113.77"), new Register("c")).name());
  }

  @Test
  void anIpv6RangeIsItsSlash64() throws Exception {
    joinIn(room, FakeMember.extendedClientFrom("[2001:db8:1:2::a]"), new Register("a"));
    joinIn(room, FakeMember.extendedClientFrom("[2001:db8:1:2:ffff:ffff:ffff:ffff]"), new Register("b"));
    assertTrue(refusedJoin("[2001:db8:1:2:1234::1]").reason().startsWith("too many joins from 2001:db8:1:2::/64 lately"));
    assertEquals("c", joinIn(room, FakeMember.extendedClientFrom("[2001:db8:1:3::a]"), new Register("c")).name());
  }

  @Test
  void joinsFromThisMachineCountOnlyWhenLoopbackIsLimited() throws Exception {
    for (String name : List.of("a", "b", "c")) {
      joinIn(room, FakeMember.extendedClientFrom("127.0.0.1"), new Register(name));
      joinIn(room, FakeMember.extendedClientFrom("[::1]"), new Register(name));
    }
    room.close();
    room = roomWith(new PresenceLimits(12, 3, 60, 2, true, PresenceLimits.DEFAULT_LIST_NAMES));
    joinIn(room, FakeMember.extendedClientFrom("127.0.0.1"), new Register("a"));
    joinIn(room, FakeMember.extendedClientFrom("127.0.0.2"), new Register("b"));
    refusedJoin("127.0.0.1");
  }

  /** A join from this host that the rate turns away, and lets go: the error it is given. */
  private ErrorReply refusedJoin(String host) throws InterruptedException {
    FakeMember member = FakeMember.extendedClientFrom(host);
    room.attach(member);
    room.join(member, new Register("refused"));
    ErrorReply refused = member.next(ErrorReply.class);
    assertEquals(ErrorCode.RATE_LIMITED.wireName(), refused.code());
    member.awaitLeft();
    RoomSteps.assertNoMoreFramesBeforeMarker(room, member);
    return refused;
  }

  private static String tail(String reason) {
    return reason.substring(reason.lastIndexOf("; ") + 2);
  }
}
