package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the room's tests do with a room and its fake members, in one place. */
final class RoomSteps {
  private RoomSteps() {}

  /** A room on the test's clock, started; {@code fatal} hears of an error it cannot go on after. */
  static ChatRoom startedRoom(RoomSettings settings, MutableClock clock, CompletableFuture<Throwable> fatal) {
    ChatRoom room = new ChatRoom(new FrameCodec(), settings, new InMemoryRoomLog(clock), fatal::complete);
    room.start();
    return room;
  }

  /** Closes the room, which must not have met a fatal error. */
  static void closeRoom(ChatRoom room, CompletableFuture<Throwable> fatal) {
    room.close();
    assertFalse(fatal.isDone(), "the room met a fatal error");
  }

  static Register register(String name, String... options) {
    return new Register(name, List.of(options));
  }

  /** Joins a member; its register reply. */
  static Register joinIn(ChatRoom room, FakeMember member, Register register) throws InterruptedException {
    room.attach(member);
    room.join(member, register);
    return member.next(Register.class);
  }

  /** Joins a member that is told of a problem first; its register reply. */
  static Register joinDespite(ChatRoom room, FakeMember member, Register register, ErrorCode problem)
      throws InterruptedException {
    room.attach(member);
    room.join(member, register);
    assertEquals(problem.wireName(), member.next(ErrorReply.class).code());
    return member.next(Register.class);
  }

  static String token(Register reply) {
    return reply.token().orElseThrow();
  }

  /**
   * Fails if any of these members was sent a frame the test has not taken, once the room has
   * applied everything asked of it so far. The marker that it has: a refusal to a probe member,
   * which the room sends in its order, after every frame that what came before caused. Only then
   * does a look at the members' queues prove anything, as the room sends on a thread of its own.
   */
  static void assertNoMoreFramesBeforeMarker(ChatRoom room, FakeMember... members) throws InterruptedException {
    FakeMember probe = FakeMember.extendedClient();
    room.attach(probe);
    room.reject(probe, ErrorCode.INVALID_FRAME, "marker");
    assertEquals("marker", probe.next(ErrorReply.class).reason(), "the marker");
    for (FakeMember member : members) {
      member.assertNoMoreFrames();
    }
  }

  /**
   * Waits until the room has let this member go, behind a flood of events the test queued
   * ahead of it: for as long as the room works through them, however slow the machine. Fails
   * only when its backlog stops going down for {@link FakeMember#TIMEOUT}, as a fixed wait for
   * work that grows with the flood would fail on a busy machine.
   */
  static void awaitLeftBehindFlood(ChatRoom room, FakeMember member) throws InterruptedException {
    int before = room.backlog();
    while (!member.leftWithin(FakeMember.TIMEOUT)) {
      int now = room.backlog();
      assertTrue(now < before, "the room did not let the member go, its backlog stuck at " + now + " for " + FakeMember.TIMEOUT);
      before = now;
    }
  }

  /** Frames up to the first of the given type, which is returned; the others are skipped. */
  static <T extends ServerFrame> T skipTo(FakeMember member, Class<T> type) throws InterruptedException {
    while (true) {
      ServerFrame frame = member.next();
      if (type.isInstance(frame)) {
        return type.cast(frame);
      }
    }
  }
}
