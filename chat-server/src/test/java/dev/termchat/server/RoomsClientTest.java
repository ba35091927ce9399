package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.History;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Nick;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rooms client (one that registers with {@code rooms=}) in the default room, beside base and
 * extended clients that do not ask for rooms, over real sockets: every frame of the room names
 * it, the room's members come once, then only who comes and goes; the others see what they saw.
 */
class RoomsClientTest {
  private static final String ROOM = "#general";

  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.historySize(5));

  private WebSocketRecorder roomsClient(String name) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    client.nextFrame(Welcome.class);
    client.send(new Register(name, List.of("rooms=" + ROOM)));
    assertEquals(name, client.nextFrame(Register.class).name());
    return client;
  }

  /** The next frame, which must be a frame of the room, of this type. */
  private static <T extends ServerFrame> T nextInRoom(WebSocketRecorder client, Class<T> type) throws InterruptedException {
    InRoom frame = client.nextFrame(InRoom.class);
    assertEquals(ROOM, frame.room());
    return assertInstanceOf(type, frame.frame(), frame.toString());
  }

  @Test
  void entersWithTheJoinReplyTheHistoryAndTheMembersOnceThenHearsOfItself() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    bob.send(new SendMessage("before"));
    bob.nextMessage();

    WebSocketRecorder carol = roomsClient("carol");
    Join join = carol.nextFrame(Join.class);
    assertEquals(ROOM, join.room());
    assertTrue(join.joinedAt().isPresent(), join.toString());
    assertEquals("before", nextInRoom(carol, History.class).entry().message());
    assertEquals(List.of("bob"), nextInRoom(carol, Users.class).names());
    assertEquals(Presence.joined(List.of("carol")), nextInRoom(carol, Presence.class));
    carol.assertNoMoreEventsBefore(carol.sayMarker());
  }

  @Test
  void everyFrameOfTheRoomNamesItWhileOthersGetTheirsAsBefore() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    WebSocketRecorder dave = chat.connectExtended();
    dave.nextFrame(Welcome.class);
    dave.send(new Register("dave"));
    dave.nextFrameAfterPresence(Register.class);
    WebSocketRecorder carol = roomsClient("carol");
    carol.nextFrame(Join.class);
    nextInRoom(carol, Users.class);

    bob.send(new SendMessage("hi"));
    ChatMessage toBob = bob.nextMessage();
    assertEquals(new ChatMessage(false, "bob", "hi", toBob.time(), toBob.address(), null, null), toBob);
    ChatMessage toDave = dave.nextFrameAfterPresence(ChatMessage.class);
    assertEquals("hi", toDave.message());
    ChatMessage toCarol = nextMessageInRoom(carol);
    assertEquals(toDave, toCarol);
  }

  @Test
  void hearsWhoComesGoesAndTakesAnotherNameButIsNeverSentAWholeListAgain() throws Exception {
    WebSocketRecorder carol = roomsClient("carol");
    carol.nextFrame(Join.class);
    assertEquals(List.of(), nextInRoom(carol, Users.class).names());
    assertEquals(Presence.joined(List.of("carol")), nextInRoom(carol, Presence.class));

    WebSocketRecorder eve = chat.connectExtended();
    eve.nextFrame(Welcome.class);
    eve.send(new Register("eve"));
    eve.nextFrameAfterPresence(Register.class);
    assertEquals(Presence.joined(List.of("eve")), nextInRoom(carol, Presence.class));
    eve.send(new Nick("evelyn"));
    assertEquals(new Renamed("eve", "evelyn"), nextInRoom(carol, Renamed.class));
    eve.close();
    assertEquals(Presence.left(List.of("evelyn")), nextInRoom(carol, Presence.class));
    carol.assertNoMoreEventsBefore(carol.sayMarker());
  }

  @Test
  void aLineForARoomItIsNotInIsRefusedByItsId() throws Exception {
    WebSocketRecorder carol = roomsClient("carol");
    carol.nextFrame(Join.class);
    nextInRoom(carol, Users.class);
    nextInRoom(carol, Presence.class);
    carol.send(new SendMessage("psst", "c1", "#dev"));
    ErrorReply error = carol.nextFrame(ErrorReply.class);
    assertEquals(ErrorCode.NOT_IN_ROOM.wireName(), error.code());
    assertEquals("c1", error.clientId());
    carol.send(new SendMessage("hello", "c2", "#General"));
    assertEquals("c2", nextMessageInRoom(carol).clientId());
  }

  private static ChatMessage nextMessageInRoom(WebSocketRecorder client) throws InterruptedException {
    while (true) {
      if (client.nextServerFrame() instanceof InRoom frame && frame.frame() instanceof ChatMessage message) {
        assertEquals(ROOM, frame.room());
        return message;
      }
    }
  }
}
