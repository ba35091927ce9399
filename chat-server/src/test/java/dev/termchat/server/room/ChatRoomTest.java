package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Users;
import dev.termchat.server.room.ChatRoom.PostResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The room on its own: fake members, a fixed clock, no sockets. */
class ChatRoomTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final ChatRoom room =
      new ChatRoom(new FrameCodec(), Clock.fixed(NOW, ZoneOffset.UTC), RoomSettings.defaults(), fatal::complete);

  @AfterEach
  void close() {
    room.close();
    assertTrue(!fatal.isDone(), "the room met a fatal error");
  }

  private FakeMember joined(FakeMember member, String name) throws InterruptedException {
    room.join(member, name);
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
  void aMessageCarriesTheRoomsClockAndTheSendersAddressAndFollowsAUsersListNamingTheSender()
      throws Exception {
    room.start();
    FakeMember alice = joined(FakeMember.baseClient(), "alice");
    FakeMember bob = FakeMember.baseClient();
    room.join(bob, "bob");
    assertEquals(PostResult.ACCEPTED, room.post(bob, "hi"));

    assertEquals(new Users(List.of("alice")), alice.next(Users.class));
    assertEquals(new Users(List.of("alice", "bob")), alice.next(Users.class));
    assertEquals(new ChatMessage("bob", "hi", NOW.toEpochMilli(), bob.address()), alice.next(ChatMessage.class));
  }

  @Test
  void extendedMembersHearWhoJoinedAndLeftBeforeTheUsersList() throws Exception {
    room.start();
    FakeMember watcher = FakeMember.extendedClient();
    joined(watcher, "watcher");
    watcher.next(Presence.class);
    watcher.next(Users.class);
    FakeMember carol = joined(FakeMember.baseClient(), "carol");
    room.leave(carol, "closed");
    List<Object> seen = new java.util.ArrayList<>();
    while (!(seen.size() >= 2 && seen.get(seen.size() - 1) instanceof Users last && last.names().equals(List.of("watcher")))) {
      seen.add(watcher.next());
    }
    assertEquals(Presence.joined(List.of("carol")), seen.get(0));
    assertTrue(seen.contains(Presence.left(List.of("carol"))), seen.toString());
  }

  @Test
  void aMemberIsLetGoOnlyAfterEverythingQueuedForItAhead() throws Exception {
    room.start();
    FakeMember alice = joined(FakeMember.extendedClient(), "alice");
    room.reject(alice, dev.termchat.protocol.ErrorCode.RATE_LIMITED, "slow down");
    room.leave(alice, "closed");
    alice.awaitLeft();
    alice.next(Presence.class);
    alice.next(Users.class);
    assertEquals("rate-limited", alice.next(ErrorReply.class).code());
    alice.assertNoMoreFrames();
  }

  @Test
  void aMessageBeforeRegisteringIsRefusedWithAReasonForAnExtendedMember() throws Exception {
    room.start();
    FakeMember stranger = FakeMember.extendedClient();
    room.post(stranger, "hello?");
    assertEquals(ErrorCode.NOT_REGISTERED.wireName(), stranger.next(ErrorReply.class).code());
  }

  @Test
  void drainingAppliesWhatWasTakenAndTurnsAwayWhatComesAfter() throws Exception {
    room.start();
    FakeMember alice = joined(FakeMember.baseClient(), "alice");
    alice.next(Users.class);
    for (int i = 0; i < 100; i++) {
      assertEquals(PostResult.ACCEPTED, room.post(alice, "line " + i));
    }
    CompletableFuture<Void> drained = room.drain();
    assertEquals(PostResult.STOPPING, room.post(alice, "too late"));
    drained.get(10, TimeUnit.SECONDS);

    for (int i = 0; i < 100; i++) {
      assertEquals("line " + i, alice.next(ChatMessage.class).message());
    }
    alice.assertNoMoreFrames();
  }

  @Test
  void messagesAreTurnedAwayOnceTooMuchTextWaits() {
    // Not started: nothing is applied, so everything posted waits.
    FakeMember alice = FakeMember.baseClient();
    String text = "x".repeat(4000);
    int taken = 0;
    while (room.post(alice, text) == PostResult.ACCEPTED) {
      taken++;
    }
    assertEquals(ChatRoom.MAX_WAITING_CHARS / 4000, taken);
    assertEquals(PostResult.BUSY, room.post(alice, text));
  }
}
