package dev.termchat.server.room;

import static dev.termchat.server.room.RoomSteps.closeRoom;
import static dev.termchat.server.room.RoomSteps.joinIn;
import static dev.termchat.server.room.RoomSteps.skipTo;
import static dev.termchat.server.room.RoomSteps.startedRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.ServerFrame;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client's own ids for its lines: the same line sent again under its id is said once and
 * echoed; another line under an id taken already is refused, never echoed as if it had been said.
 */
class LineIdRulesTest {
  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final ChatRoom room = startedRoom(RoomSettings.defaults(), new MutableClock(ChatRoomTest.NOW), fatal);
  private final FakeMember alice = FakeMember.extendedClient();
  private final FakeMember bob = FakeMember.extendedClient();

  @BeforeEach
  void join() throws InterruptedException {
    joinIn(room, alice, new Register("alice"));
    joinIn(room, bob, new Register("bob"));
  }

  @AfterEach
  void close() {
    closeRoom(room, fatal);
  }

  @Test
  void aPublicLineUnderTheIdOfAnEarlierPrivateOneIsRefusedNotEchoed() throws Exception {
    room.whisper(alice, "bob", "psst", "c1");
    assertEquals("psst", skipTo(alice, PrivateChat.class).message());
    room.say(alice, "for everyone", false, "c1");
    assertRefusedThenNextIs(alice, "c1", "after");
    assertEquals("psst", skipTo(bob, PrivateChat.class).message());
    assertEquals("after", skipTo(bob, ChatMessage.class).message(), "the refused line reached no one");
  }

  @Test
  void aLineUnderTheIdOfAnEarlierActionOrOtherTextIsRefusedNotEchoedAsThat() throws Exception {
    room.say(alice, "waves", true, "c1");
    assertEquals("waves", skipTo(alice, ChatMessage.class).message());
    room.say(alice, "waves", false, "c1");
    assertRefusedThenNextIs(alice, "c1", "after");
    room.say(alice, "other text", false, "c2");
    room.say(alice, "more text", false, "c2");
    ChatMessage echo = skipTo(alice, ChatMessage.class);
    assertEquals("other text", echo.message());
    assertRefusedThenNextIs(alice, "c2", "last");
  }

  @Test
  void aPrivateLineSentAgainIsEchoedToItsSenderAndDeliveredOnce() throws Exception {
    room.whisper(alice, "bob", "psst", "c1");
    room.whisper(alice, "bob", "psst", "c1");
    room.whisper(alice, "alice", "psst", "c1");
    assertEquals("psst", skipTo(alice, PrivateChat.class).message());
    assertEquals("psst", skipTo(alice, PrivateChat.class).message(), "the echo of the line sent again");
    assertEquals(ErrorCode.INVALID_FRAME.wireName(), skipTo(alice, ErrorReply.class).code(), "another recipient, another line");
    room.say(alice, "after", false, null);
    assertEquals("psst", skipTo(bob, PrivateChat.class).message());
    ServerFrame next;
    do {
      next = bob.next();
      assertFalse(next instanceof PrivateChat, "delivered once");
    } while (!(next instanceof ChatMessage));
  }

  /** The sender is told its line under this id was refused, and sees no echo before its next line. */
  private void assertRefusedThenNextIs(FakeMember sender, String clientId, String nextLine) throws InterruptedException {
    room.say(sender, nextLine, false, null);
    ServerFrame frame;
    do {
      frame = sender.next();
      assertFalse(frame instanceof ChatMessage, "no echo of the refused line: " + frame);
      assertFalse(frame instanceof PrivateChat, "no echo of the refused line: " + frame);
    } while (!(frame instanceof ErrorReply));
    ErrorReply refused = (ErrorReply) frame;
    assertEquals(ErrorCode.INVALID_FRAME.wireName(), refused.code());
    assertEquals(clientId, refused.clientId());
    assertNotNull(refused.reason());
    assertEquals(nextLine, skipTo(sender, ChatMessage.class).message());
  }
}
