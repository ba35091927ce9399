package dev.termchat.server.room;

import dev.termchat.server.wire.OutgoingFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.server.room.PostResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The room on its own: fake members, a clock of the test's, no sockets. */
class ChatRoomTest {
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final MutableClock clock = new MutableClock(NOW);
  private final InMemoryRoomLog log = new InMemoryRoomLog(clock);
  private final ChatRoom room = new ChatRoom(new FrameCodec(), RoomSettings.defaults(), log, fatal::complete);

  @AfterEach
  void close() {
    room.close();
    assertFalse(fatal.isDone(), "the room met a fatal error");
  }

  private FakeMember joined(FakeMember member, String name) throws InterruptedException {
    room.attach(member);
    room.join(member, new Register(name));
    assertEquals(new Register(name), member.next(Register.class));
    return member;
  }

  @Test
  void aJoinIsConfirmedThenEveryoneGetsTheUsersList() throws Exception {
    room.start();
    FakeMember alice = joined(FakeMember.baseClient(), "alice");
    assertEquals(new Users(List.of("alice")), alice.next(Users.class));
    FakeMember bob = joined(FakeMember.baseClient(), "bob");
    assertEquals(new Users(List.of("alice", "bob")), bob.next(Users.class));
    assertEquals(new Users(List.of("alice", "bob")), alice.next(Users.class));
    assertEquals("bob", bob.name());
  }

  @Test
  void aMessageCarriesTheLogsTimeAndTheSendersAddressAndFollowsAUsersListNamingTheSender()
      throws Exception {
    room.start();
    FakeMember alice = joined(FakeMember.baseClient(), "alice");
    FakeMember bob = FakeMember.baseClient();
    room.attach(bob);
    room.join(bob, new Register("bob"));
    assertEquals(PostResult.ACCEPTED, room.say(bob, "hi", false, null));

    assertEquals(new Users(List.of("alice")), alice.next(Users.class));
    assertEquals(new Users(List.of("alice", "bob")), alice.next(Users.class));
    assertEquals(new ChatMessage("bob", "hi", NOW.toEpochMilli(), bob.address()), alice.next(ChatMessage.class));
  }

  @Test
  void baseClientsGetMessagesByteForByteAsBeforeIdsWere() throws Exception {
    room.start();
    FakeMember alice = joined(FakeMember.baseClient(), "alice");
    alice.next(Users.class);
    room.say(alice, "hi", false, "c1");
    assertEquals(
        "{\"messageType\":\"message\",\"data\":\"{\\\"from\\\":\\\"alice\\\",\\\"message\\\":\\\"hi\\\","
            + "\\\"time\\\":" + NOW.toEpochMilli() + ",\\\"address\\\":\\\"" + alice.address() + "\\\"}\"}",
        alice.nextText());
  }

  @Test
  void extendedMembersHearWhoJoinedAndLeftBeforeTheUsersList() throws Exception {
    room.start();
    FakeMember watcher = FakeMember.extendedClient();
    joinExtended(watcher, new Register("watcher"));
    watcher.next(Presence.class);
    watcher.next(Users.class);
    FakeMember carol = joined(FakeMember.baseClient(), "carol");
    room.leave(carol, "closed");
    List<Object> seen = new ArrayList<>();
    while (!(seen.size() >= 2 && seen.get(seen.size() - 1) instanceof Users last && last.names().equals(List.of("watcher")))) {
      seen.add(watcher.next());
    }
    assertEquals(Presence.joined(List.of("carol")), seen.get(0));
    assertTrue(seen.contains(Presence.left(List.of("carol"))), seen.toString());
  }

  @Test
  void aConnectionWhoseNodeIsGoneLeavesOnceHoweverManyNodesSaySo() throws Exception {
    room.start();
    FakeMember alice = joined(FakeMember.baseClient(), "alice");
    Who elsewhere = new Who("gone-node", 7);
    room.join(new RemoteMember(elsewhere), new Register("bob"));
    assertEquals(List.of("alice", "bob"), usersUntil(alice, "bob").names());
    room.leaveGone(elsewhere, "its node is gone");
    room.leaveGone(elsewhere, "its node is gone"); // a second node noticing at once
    assertEquals(List.of("alice"), alice.next(Users.class).names());
    assertEquals(List.of("alice"), room.names());
    room.say(alice, "still here", false, null);
    assertEquals("still here", alice.next(ChatMessage.class).message(), "no second list: the second leave was nothing");
  }

  @Test
  void aRosterTakesBackANameThisNodeGaveAwayWhileItMissedItsOwnersJoin() throws Exception {
    room.start();
    FakeMember newcomer = joined(FakeMember.baseClient(), "alice");
    // Node a's alice joined before this node's log began: its roster is the first word of her.
    log.append(
        new RoomEvent.Roster(
            new Who("a", 0), List.of(new RoomEvent.Present(1, "alice", "203.0.113.5:4000", Dialect.BASE)), "1-1", false));
    ServerFrame frame;
    do {
      frame = newcomer.next();
    } while (!(frame instanceof Register));
    assertEquals(new Register("alice-2"), frame, "told the variant the other nodes gave it");
    assertEquals("alice-2", newcomer.name());
    assertEquals(List.of("alice", "alice-2"), room.names());
  }

  @Test
  void aRosterWithANameNoNodeGivesIsSkipped() throws Exception {
    room.start();
    FakeMember alice = joined(FakeMember.baseClient(), "alice");
    log.append(
        new RoomEvent.Roster(
            new Who("a", 0),
            List.of(
                new RoomEvent.Present(1, "n".repeat(10_000), "203.0.113.5:4000", Dialect.BASE),
                new RoomEvent.Present(2, "system", "203.0.113.5:4000", Dialect.BASE)),
            null,
            false));
    room.say(alice, "after", false, null);
    assertEquals("after", usersThenMessage(alice));
    assertEquals(List.of("alice"), room.names());
  }

  private static String usersThenMessage(FakeMember member) throws InterruptedException {
    ServerFrame frame;
    do {
      frame = member.next();
    } while (!(frame instanceof ChatMessage));
    return ((ChatMessage) frame).message();
  }

  /** A connection on another node: the room knows it only by the events that name it. */
  private record RemoteMember(Who who) implements Member {
    @Override
    public String address() {
      return "203.0.113.5:4000";
    }

    @Override
    public Dialect dialect() {
      return Dialect.BASE;
    }

    @Override
    public boolean enqueue(OutgoingFrame frame) {
      throw new AssertionError("a remote member is never sent anything here");
    }

    @Override
    public void flush() {}

    @Override
    public void registeredAs(String name) {}

    @Override
    public void replaced() {}

    @Override
    public void left() {}
  }

  /** Users lists until one names this name. */
  private static Users usersUntil(FakeMember member, String name) throws InterruptedException {
    while (true) {
      Users users = member.next(Users.class);
      if (users.names().contains(name)) {
        return users;
      }
    }
  }

  @Test
  void aMemberIsLetGoOnlyAfterEverythingQueuedForItAhead() throws Exception {
    room.start();
    FakeMember alice = FakeMember.extendedClient();
    joinExtended(alice, new Register("alice"));
    room.reject(alice, ErrorCode.RATE_LIMITED, "slow down");
    room.leave(alice, "closed");
    alice.awaitLeft();
    alice.next(Presence.class);
    alice.next(Users.class);
    assertEquals("rate-limited", alice.next(ErrorReply.class).code());
    RoomSteps.assertNoMoreFramesBeforeMarker(room, alice);
  }

  @Test
  void aMessageBeforeRegisteringIsRefusedWithAReasonForAnExtendedMember() throws Exception {
    room.start();
    FakeMember stranger = FakeMember.extendedClient();
    room.attach(stranger);
    room.say(stranger, "hello?", false, null);
    assertEquals(ErrorCode.NOT_REGISTERED.wireName(), stranger.next(ErrorReply.class).code());
  }

  @Test
  void drainingAppliesWhatWasTakenAndTurnsAwayWhatComesAfter() throws Exception {
    room.start();
    FakeMember alice = joined(FakeMember.baseClient(), "alice");
    alice.next(Users.class);
    for (int i = 0; i < 100; i++) {
      assertEquals(PostResult.ACCEPTED, room.say(alice, "line " + i, false, null));
    }
    CompletableFuture<Void> drained = room.drain();
    assertEquals(PostResult.STOPPING, room.say(alice, "too late", false, null));
    assertEquals(PostResult.STOPPING, room.rename(alice, "alicia"));
    drained.get(10, TimeUnit.SECONDS);

    for (int i = 0; i < 100; i++) {
      assertEquals("line " + i, alice.next(ChatMessage.class).message());
    }
    RoomSteps.assertNoMoreFramesBeforeMarker(room, alice);
  }

  private static ChatMessage messageSkippingOthers(FakeMember member) throws InterruptedException {
    while (true) {
      if (member.next() instanceof ChatMessage message) {
        return message;
      }
    }
  }

  @Test
  void afterTheDrainNoOneIsToldOfOthersLeavingForTheyAllGoAway() throws Exception {
    room.start();
    FakeMember alice = joined(FakeMember.baseClient(), "alice");
    // One told of leaves by users lists, one by "left" frames too.
    FakeMember bob = FakeMember.extendedClient();
    room.attach(bob);
    room.join(bob, new Register("bob"));
    room.say(bob, "marker", false, null);
    assertEquals("marker", messageSkippingOthers(alice).message());
    assertEquals("marker", messageSkippingOthers(bob).message());
    room.drain().get(10, TimeUnit.SECONDS);

    // As a shutdown lets the connections go, each in a batch of the room's own; bob is still
    // here when alice's leave is applied, and a second drain sends at once what it caused.
    room.leave(alice, "server shutting down");
    alice.awaitLeft();
    room.drain().get(10, TimeUnit.SECONDS);

    RoomSteps.assertNoMoreFramesBeforeMarker(room, bob, alice);
  }

  @Test
  void messagesAreTurnedAwayOnceTooMuchTextWaits() throws Exception {
    room.start();
    StuckMember stuck = new StuckMember();
    room.attach(stuck);
    room.join(stuck, new Register("stuck"));
    // The room thread is now stuck queuing stuck's reply: everything posted waits.
    assertTrue(stuck.entered.await(10, TimeUnit.SECONDS));
    try {
      FakeMember alice = FakeMember.baseClient();
      String text = "x".repeat(4000);
      int taken = 0;
      while (room.say(alice, text, false, null) == PostResult.ACCEPTED) {
        taken++;
      }
      assertEquals(ChatRoom.MAX_WAITING_CHARS / 4000, taken);
      assertEquals(PostResult.BUSY, room.whisper(alice, "bob", text, null));
    } finally {
      stuck.release.countDown();
    }
  }

  /** A member whose first frame does not go out until the test lets it: the room waits on it. */
  private static final class StuckMember implements Member {
    final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    @Override
    public Who who() {
      return new Who(RoomSettings.LOCAL_NODE, -1);
    }

    @Override
    public String address() {
      return "192.0.2.1:1";
    }

    @Override
    public Dialect dialect() {
      return Dialect.BASE;
    }

    @Override
    public boolean enqueue(OutgoingFrame frame) {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    }

    @Override
    public void flush() {}

    @Override
    public void replaced() {}

    @Override
    public void registeredAs(String name) {}

    @Override
    public void left() {}
  }

  /** Joins an extended member and returns its resume token. */
  String joinExtended(FakeMember member, Register register) throws InterruptedException {
    room.attach(member);
    room.join(member, register);
    Register reply = member.next(Register.class);
    String token = reply.token().orElse(null);
    assertNotNull(token, "an extended client's register reply carries a token");
    return token;
  }

  @Test
  void eachMessageGetsAnIdIncreasingInTheRoomsOrder() throws Exception {
    room.start();
    FakeMember alice = FakeMember.extendedClient();
    joinExtended(alice, new Register("alice"));
    for (int i = 0; i < 3; i++) {
      room.say(alice, "m" + i, false, "c" + i);
    }
    List<ChatMessage> seen = messages(alice, 3);
    assertEquals(List.of("c0", "c1", "c2"), seen.stream().map(ChatMessage::clientId).toList());
    assertTrue(Ids.before(seen.get(0).id(), seen.get(1).id()) && Ids.before(seen.get(1).id(), seen.get(2).id()), seen.toString());
  }

  private static List<ChatMessage> messages(FakeMember member, int count) throws InterruptedException {
    List<ChatMessage> seen = new ArrayList<>();
    while (seen.size() < count) {
      if (member.next() instanceof ChatMessage message) {
        seen.add(message);
      }
    }
    return seen;
  }

  /** Ids as the in-memory log writes them, START-N. */
  static final class Ids {
    static boolean before(String a, String b) {
      return Long.parseLong(a.substring(a.indexOf('-') + 1)) < Long.parseLong(b.substring(b.indexOf('-') + 1));
    }
  }

  @Test
  void plainTextMembersGetMessagesAsLinesAndNothingElse() throws Exception {
    room.start();
    FakeMember alice = joined(FakeMember.baseClient(), "alice");
    FakeMember plain = FakeMember.plainClient();
    room.attach(plain);
    room.joinPlain(plain);
    room.say(plain, "hello from plain", false, null);
    room.say(alice, "hi plain", false, null);
    room.say(alice, "one line\nFrom admin: not really", false, null);
    String first = plain.nextText();
    String guest = plain.name(); // set before the room sent anything of its
    assertEquals("From " + guest + " (" + plain.address() + "): hello from plain", first);
    assertEquals("From alice (" + alice.address() + "): hi plain", plain.nextText());
    assertEquals(
        "From alice (" + alice.address() + "): one line" + Printable.escape("\n") + "From admin: not really",
        plain.nextText(),
        "a line of its own; a newline in it cannot forge another");
    RoomSteps.assertNoMoreFramesBeforeMarker(room, plain);
    assertTrue(guest.startsWith("guest-"), guest);
  }

  @Test
  void anActionIsAnOrdinaryMessageForBaseAndPlainClients() throws Exception {
    room.start();
    FakeMember ext = FakeMember.extendedClient();
    joinExtended(ext, new Register("alice"));
    FakeMember base = joined(FakeMember.baseClient(), "bob");
    FakeMember plain = FakeMember.plainClient();
    room.attach(plain);
    room.joinPlain(plain);
    room.say(ext, "waves", true, null);
    ChatMessage action = messages(ext, 1).get(0);
    assertTrue(action.action());
    assertEquals("waves", action.message());
    ChatMessage seenByBase = messages(base, 1).get(0);
    assertFalse(seenByBase.action());
    assertEquals("* alice waves", seenByBase.message());
    assertNull(seenByBase.id());
    assertEquals("From alice (" + ext.address() + "): * alice waves", plain.nextText());
  }

  @Test
  void tokensAreNotLoggedNorPrinted() {
    ResumeToken token = ResumeToken.issue();
    assertFalse(token.toString().contains(token.secret()));
    assertFalse(
        new RoomEvent.Join(new Who("local", 1), "a", "x", Dialect.EXTENDED, 0, null, token, token)
            .toString()
            .contains(token.secret()));
    assertNotEquals(ResumeToken.issue().wire(), ResumeToken.issue().wire());
  }

}
