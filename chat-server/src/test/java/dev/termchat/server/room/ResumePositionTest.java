package dev.termchat.server.room;

import static dev.termchat.server.room.RoomSteps.closeRoom;
import static dev.termchat.server.room.RoomSteps.joinIn;
import static dev.termchat.server.room.RoomSteps.register;
import static dev.termchat.server.room.RoomSteps.skipTo;
import static dev.termchat.server.room.RoomSteps.startedRoom;
import static dev.termchat.server.room.RoomSteps.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.History;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Resumed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that saw no message before its connection dropped (it asked for no history, or the room
 * was quiet) resumes after the position it joined at, which the register reply gives it; and a
 * resume after any position, a kept message's or not, gets what came after it, with a gap only
 * when some of that is no longer kept.
 */
class ResumePositionTest {
  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final MutableClock clock = new MutableClock(ChatRoomTest.NOW);
  private ChatRoom room = startedRoom(RoomSettings.defaults(), clock, fatal);

  @AfterEach
  void close() {
    closeRoom(room, fatal);
  }

  private void keeping(int messages) {
    room.close();
    room = startedRoom(new RoomSettings(RoomSettings.LOCAL_NODE, true, messages, 10_000, 100, Duration.ofMinutes(2), PresenceLimits.defaults()), clock, fatal);
  }

  /** Bob says each line, and sees its echo. */
  private List<String> say(FakeMember bob, String... lines) throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (String line : lines) {
      room.say(bob, line, false, null);
      ids.add(skipTo(bob, ChatMessage.class).id());
    }
    return ids;
  }

  private FakeMember bob() throws InterruptedException {
    FakeMember bob = FakeMember.extendedClient();
    joinIn(room, bob, register("bob", "history=0"));
    return bob;
  }

  private void drop(FakeMember member) throws InterruptedException {
    room.leave(member, "connection lost");
    member.awaitLeft();
  }

  /** The messages that follow a resume's answer, as many as it says. */
  private static List<String> missed(FakeMember member, Resumed resumed) throws InterruptedException {
    List<String> missed = new ArrayList<>();
    for (int i = 0; i < resumed.count(); i++) {
      missed.add(member.next(ChatMessage.class).message());
    }
    return missed;
  }

  @Test
  void aClientThatSawNothingResumesAfterWhereItJoinedAndGetsEverythingSaidMeanwhile() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    Register reply = joinIn(room, alice, register("alice", "history=0"));
    String joinedAt = reply.joinedAt().orElseThrow();
    FakeMember bob = bob();
    drop(alice);
    say(bob, "missed 1", "missed 2", "missed 3");

    FakeMember again = FakeMember.extendedClient();
    Register resumedReply = joinIn(room, again, register("alice", "resume=" + joinedAt, "token=" + token(reply)));
    assertEquals("alice", resumedReply.name());
    Resumed resumed = again.next(Resumed.class);
    assertEquals(new Resumed(true, 3), resumed);
    assertEquals(List.of("missed 1", "missed 2", "missed 3"), missed(again, resumed));
  }

  @Test
  void aResumeAfterAPositionBetweenKeptMessagesGetsOnlyThoseAfterIt() throws Exception {
    FakeMember bob = bob();
    say(bob, "before 1", "before 2");
    FakeMember alice = FakeMember.extendedClient();
    String joinedAt = joinIn(room, alice, register("alice", "history=0")).joinedAt().orElseThrow();
    drop(alice);
    say(bob, "after 1", "after 2");

    FakeMember again = FakeMember.extendedClient();
    joinIn(room, again, register("alice", "resume=" + joinedAt));
    Resumed resumed = again.next(Resumed.class);
    assertEquals(new Resumed(true, 2), resumed);
    assertEquals(List.of("after 1", "after 2"), missed(again, resumed));
    assertFalse(again.next() instanceof History, "caught up, not shown the history as well");
  }

  @Test
  void aResumeAfterAPrivateMessagesIdGetsThePublicOnesAfterIt() throws Exception {
    FakeMember bob = bob();
    FakeMember carol = FakeMember.extendedClient();
    joinIn(room, carol, register("carol", "history=0"));
    say(bob, "public 1");
    room.whisper(bob, "carol", "psst", null);
    String whispered = skipTo(carol, PrivateChat.class).id();
    say(bob, "public 2");

    FakeMember again = FakeMember.extendedClient();
    joinIn(room, again, register("carol-again", "resume=" + whispered));
    Resumed resumed = again.next(Resumed.class);
    assertEquals(new Resumed(true, 1), resumed);
    assertEquals(List.of("public 2"), missed(again, resumed));
  }

  @Test
  void aPositionBeforeTheKeptMessagesIsAGapOnlyOnceMessagesAfterItWereLetGo() throws Exception {
    keeping(3);
    FakeMember alice = FakeMember.extendedClient();
    String joinedAt = joinIn(room, alice, register("alice", "history=0")).joinedAt().orElseThrow();
    FakeMember bob = bob();
    say(bob, "m1", "m2", "m3");

    FakeMember whole = FakeMember.extendedClient();
    joinIn(room, whole, register("whole", "resume=" + joinedAt));
    Resumed all = whole.next(Resumed.class);
    assertEquals(new Resumed(true, 3), all, "nothing said after it was let go yet");
    assertEquals(List.of("m1", "m2", "m3"), missed(whole, all));

    say(bob, "m4");
    FakeMember partial = FakeMember.extendedClient();
    joinIn(room, partial, register("partial", "resume=" + joinedAt));
    Resumed some = partial.next(Resumed.class);
    assertEquals(new Resumed(false, 3), some, "m1 is no longer kept");
    assertEquals(List.of("m2", "m3", "m4"), missed(partial, some));
  }

  @Test
  void aPositionTheRoomHasNotReachedOrThatIsNoPositionIsAGap() throws Exception {
    FakeMember bob = bob();
    String kept = say(bob, "kept").get(0);
    String later = kept.substring(0, kept.indexOf('-')) + "-" + Long.MAX_VALUE;
    for (String id : List.of(later, "99999999999999-0", "alice", "1-2-3", "+1-2", "-1", "1-", "١-٢", "18446744073709551616-0")) {
      FakeMember again = FakeMember.extendedClient();
      joinIn(room, again, register("again", "resume=" + id, "history=1"));
      assertEquals(new Resumed(false, 0), again.next(Resumed.class), id);
      assertEquals("kept", again.next(History.class).entry().message(), id);
      drop(again);
    }
  }

  @Test
  void onlyAnExtendedClientOfARoomThatKeepsHistoryIsToldWhereItJoined() throws Exception {
    FakeMember base = FakeMember.baseClient();
    assertEquals(List.of(), joinIn(room, base, new Register("base")).options());
    FakeMember extended = FakeMember.extendedClient();
    Optional<String> at = joinIn(room, extended, new Register("extended")).joinedAt();
    assertTrue(at.isPresent() && at.get().matches("\\d+-\\d+"), at.toString());

    keeping(0);
    FakeMember none = FakeMember.extendedClient();
    assertEquals(Optional.empty(), joinIn(room, none, new Register("none")).joinedAt());
  }
}
