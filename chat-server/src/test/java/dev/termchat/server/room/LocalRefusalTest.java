package dev.termchat.server.room;

import static dev.termchat.server.room.RoomSteps.skipTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Register;
import dev.termchat.server.metrics.ChatMeters;
import dev.termchat.server.room.RoomEvent.Join;
import dev.termchat.server.room.RoomEvent.Refuse;
import dev.termchat.server.room.RoomEvent.Say;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refusal of a frame of this node's connection is decided, counted and told here, never
 * appended to the log, and still comes after the replies to the connection's earlier frames,
 * which come only once the log hands them back: here a log that holds each event until the test
 * releases it.
 */
class LocalRefusalTest {
  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final HeldRoomLog log = new HeldRoomLog(ChatRoomTest.NOW.toEpochMilli());
  /** The causes the room counted refusals for. */
  private final List<String> refused = new CopyOnWriteArrayList<>();
  private final ChatMeters meters =
      new ChatMeters() {
        @Override
        public void refused(String cause) {
          refused.add(cause);
        }
      };
  private final ChatRoom room = new ChatRoom(new FrameCodec(), RoomSettings.defaults(), log, meters, fatal::complete);
  private final FakeMember alice = FakeMember.extendedClient();

  @BeforeEach
  void aliceJoins() throws InterruptedException {
    room.start();
    room.attach(alice);
    room.join(alice, new Register("alice"));
    log.release(Join.class);
    assertEquals("alice", alice.next(Register.class).name());
  }

  @AfterEach
  void close() {
    RoomSteps.closeRoom(room, fatal);
  }

  @Test
  void aRefusalComesAfterTheEchoOfTheLineBeforeItAndNeverGoesToTheLog() throws Exception {
    room.say(alice, "hi", false, "c1");
    room.reject(alice, ErrorCode.MESSAGE_TOO_LONG, "a message is at most 4000 characters", "c2");
    log.release(Say.class);

    assertEquals("hi", skipTo(alice, ChatMessage.class).message());
    ErrorReply refusal = alice.next(ErrorReply.class);
    assertEquals(ErrorCode.MESSAGE_TOO_LONG.wireName(), refusal.code());
    assertEquals("c2", refusal.clientId());
    assertEquals(List.of(ErrorCode.MESSAGE_TOO_LONG.wireName()), refused);
    assertFalse(log.appended().stream().anyMatch(Refuse.class::isInstance), "appended: " + log.appended());
  }

  @Test
  void aRefusalWithNothingInFlightIsToldAtOnce() throws Exception {
    room.reject(alice, ErrorCode.RATE_LIMITED, "slow down");
    assertEquals(ErrorCode.RATE_LIMITED.wireName(), skipTo(alice, ErrorReply.class).code());
    assertEquals(List.of(ErrorCode.RATE_LIMITED.wireName()), refused);
  }

  @Test
  void aRefusalBehindALineTheLogLostComesAfterThatLinesOwnRefusal() throws Exception {
    room.say(alice, "hi", false, "c1");
    room.reject(alice, ErrorCode.INVALID_FRAME, "not JSON");
    log.lose(Say.class);

    ErrorReply lost = skipTo(alice, ErrorReply.class);
    assertEquals(ErrorCode.UNAVAILABLE.wireName(), lost.code());
    assertEquals("c1", lost.clientId());
    assertEquals(ErrorCode.INVALID_FRAME.wireName(), alice.next(ErrorReply.class).code());
  }

  @Test
  void aRefusalWaitsForTheLinesBeforeItOnlyNotForThoseAfter() throws Exception {
    room.say(alice, "one", false, "c1");
    room.reject(alice, ErrorCode.RATE_LIMITED, "slow down", "c2");
    room.say(alice, "three", false, "c3");
    log.release(Say.class);

    assertEquals("one", skipTo(alice, ChatMessage.class).message());
    assertEquals("c2", alice.next(ErrorReply.class).clientId(), "told before the third line comes back");
    log.release(Say.class);
    assertEquals("three", alice.next(ChatMessage.class).message());
  }

  @Test
  void refusalsBehindTheSameLinesAreToldInTheOrderTheyCame() throws Exception {
    room.say(alice, "hi", false, "c1");
    room.reject(alice, ErrorCode.RATE_LIMITED, "slow down", "c2");
    room.reject(alice, ErrorCode.INVALID_FRAME, "not JSON", "c3");
    log.release(Say.class);

    skipTo(alice, ChatMessage.class);
    assertEquals("c2", alice.next(ErrorReply.class).clientId());
    assertEquals("c3", alice.next(ErrorReply.class).clientId());
  }

  @Test
  void aRefusalThatAnOlderNodePutInASharedLogIsStillApplied() throws Exception {
    log.deliver(new Refuse(alice.who(), ErrorCode.RATE_LIMITED, "slow down", "c9"));

    ErrorReply refusal = skipTo(alice, ErrorReply.class);
    assertEquals(ErrorCode.RATE_LIMITED.wireName(), refusal.code());
    assertEquals("c9", refusal.clientId());
    assertTrue(refused.contains(ErrorCode.RATE_LIMITED.wireName()));
  }

  @Test
  void anEmptyMessageAndAPrivateMessageToNoOneAreRefusedHereNeverInTheLog() throws Exception {
    room.say(alice, "hi", false, "c1");
    assertEquals(PostResult.REFUSED, room.say(alice, "", false, "c2"));
    assertEquals(PostResult.REFUSED, room.whisper(alice, "nobody", "psst", "c3"));
    log.release(Say.class);

    assertEquals("hi", skipTo(alice, ChatMessage.class).message());
    ErrorReply empty = alice.next(ErrorReply.class);
    assertEquals(List.of(ErrorCode.EMPTY_MESSAGE.wireName(), "c2"), List.of(empty.code(), empty.clientId()));
    ErrorReply nobody = alice.next(ErrorReply.class);
    assertEquals(List.of(ErrorCode.UNKNOWN_USER.wireName(), "c3"), List.of(nobody.code(), nobody.clientId()));
    assertEquals(List.of(ErrorCode.EMPTY_MESSAGE.wireName(), ErrorCode.UNKNOWN_USER.wireName()), refused);
    assertEquals(List.of(Join.class, Say.class), log.appended().stream().map(Object::getClass).toList(), "appended: " + log.appended());
  }
}
