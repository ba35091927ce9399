package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.History;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Nick;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.RoomList;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Topic;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.server.settings.RoomOptions;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
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
    return roomsClient(name, ROOM);
  }

  /** A rooms client registered in these rooms, comma-separated; its register reply taken. */
  private WebSocketRecorder roomsClient(String name, String rooms, String... options) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    client.nextFrame(Welcome.class);
    List<String> all = new java.util.ArrayList<>(List.of("rooms=" + rooms));
    all.addAll(List.of(options));
    client.send(new Register(name, all));
    assertEquals(name, client.nextFrame(Register.class).name());
    return client;
  }

  /** The next frame, which must be a frame of the default room, of this type. */
  private static <T extends ServerFrame> T nextInRoom(WebSocketRecorder client, Class<T> type) throws InterruptedException {
    return nextIn(client, ROOM, type);
  }

  /** The next frame, which must be a frame of this room, of this type. */
  private static <T extends ServerFrame> T nextIn(WebSocketRecorder client, String room, Class<T> type) throws InterruptedException {
    InRoom frame = client.nextFrame(InRoom.class);
    assertEquals(room, frame.room(), frame.toString());
    return assertInstanceOf(type, frame.frame(), frame.toString());
  }

  /** Joins a room and takes the reply and the members; returns the members. */
  private static List<String> enter(WebSocketRecorder client, String room, String expectedName) throws InterruptedException {
    client.send(new Join(room));
    assertEquals(expectedName, client.nextFrame(Join.class).room());
    return nextIn(client, expectedName, Users.class).names();
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
    assertEquals(List.of("bob"), nextInRoom(carol, Users.class).names());
    assertEquals("before", nextInRoom(carol, History.class).entry().message());
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

  @Test
  void aRoomIsMadeByJoiningItAndItsLinesReachItsMembersAlone() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    WebSocketRecorder carol = roomsClient("carol", "");
    WebSocketRecorder erin = roomsClient("erin", "");
    assertEquals(List.of(), enter(carol, "#dev", "#dev"));
    assertEquals(Presence.joined(List.of("carol")), nextIn(carol, "#dev", Presence.class));
    // One room whatever the case: the room goes by the name its maker gave it.
    assertEquals(List.of("carol"), enter(erin, "#DEV", "#dev"));
    assertEquals(Presence.joined(List.of("erin")), nextIn(erin, "#dev", Presence.class));
    assertEquals(Presence.joined(List.of("erin")), nextIn(carol, "#dev", Presence.class));

    erin.send(new SendMessage("ship it", "e1", "#Dev"));
    assertEquals("ship it", nextIn(carol, "#dev", ChatMessage.class).message());
    assertEquals("e1", nextIn(erin, "#dev", ChatMessage.class).clientId());
    // Neither rooms client is in the default room: its base client sees neither of them.
    bob.assertNoMoreEventsBefore(bob.sayMarker());
    carol.assertNoMoreEventsBefore(carol.pingMarker());
  }

  @Test
  void aNewcomerGetsTheHistoryOfTheRoomItEntersAndNoOther() throws Exception {
    WebSocketRecorder carol = roomsClient("carol", "#general,#dev");
    carol.nextFrame(Join.class);
    nextInRoom(carol, Users.class);
    assertEquals("#dev", carol.nextFrameAfterPresence(Join.class).room());
    carol.send(new SendMessage("in general", "c1"));
    carol.send(new SendMessage("in dev", "c2", "#dev"));
    nextEcho(carol, "c2");

    WebSocketRecorder erin = roomsClient("erin", "#dev");
    assertEquals("#dev", erin.nextFrame(Join.class).room());
    assertEquals(List.of("carol"), nextIn(erin, "#dev", Users.class).names());
    assertEquals("in dev", nextIn(erin, "#dev", History.class).entry().message());
    assertEquals(Presence.joined(List.of("erin")), nextIn(erin, "#dev", Presence.class));
    erin.assertNoMoreEventsBefore(erin.pingMarker());
  }

  @Test
  void partingTellsTheOthersAndEndsItsLinesThere() throws Exception {
    WebSocketRecorder carol = roomsClient("carol", "#ops");
    WebSocketRecorder erin = roomsClient("erin", "#ops");
    carol.nextFrame(Join.class);
    nextIn(carol, "#ops", Users.class);
    assertEquals(Presence.joined(List.of("carol")), nextIn(carol, "#ops", Presence.class));
    assertEquals(Presence.joined(List.of("erin")), nextIn(carol, "#ops", Presence.class));

    erin.send(new dev.termchat.protocol.Part("#ops"));
    assertEquals(Presence.left(List.of("erin")), nextIn(carol, "#ops", Presence.class));
    erin.send(new SendMessage("still here?", "e1", "#ops"));
    while (true) {
      if (erin.nextServerFrame() instanceof ErrorReply error && "e1".equals(error.clientId())) {
        assertEquals(ErrorCode.NOT_IN_ROOM.wireName(), error.code());
        break;
      }
    }
    carol.assertNoMoreEventsBefore(carol.pingMarker());
  }

  @Test
  void aNameThatIsNoRoomsIsRefusedAndAClientWithoutRoomsCannotJoin() throws Exception {
    WebSocketRecorder carol = roomsClient("carol", "");
    carol.send(new Join("#a b"));
    ErrorReply error = carol.nextFrame(ErrorReply.class);
    assertEquals(ErrorCode.INVALID_ROOM.wireName(), error.code());
    assertEquals("a room name may not contain a space or a comma", error.reason());

    WebSocketRecorder dave = chat.connectExtended();
    dave.nextFrame(Welcome.class);
    dave.send(new Register("dave"));
    dave.nextFrameAfterPresence(Register.class);
    dave.send(new Join("#dev"));
    assertEquals(ErrorCode.UNKNOWN_TYPE.wireName(), dave.nextFrameAfterPresence(ErrorReply.class).code());
  }

  @Test
  void oneResumeCatchesUpEveryRoomAfterItsOwnPosition() throws Exception {
    WebSocketRecorder carol = chat.connectExtended();
    carol.nextFrame(Welcome.class);
    carol.send(new Register("carol", List.of("rooms=#general,#dev")));
    String token = Options.value(carol.nextFrame(Register.class).options(), Wire.OPTION_TOKEN).orElseThrow();
    String generalAt = carol.nextFrame(Join.class).joinedAt().orElseThrow();
    nextInRoom(carol, Users.class);
    String devAt = carol.nextFrameAfterPresence(Join.class).joinedAt().orElseThrow();
    nextIn(carol, "#dev", Users.class);
    carol.dropConnection();

    WebSocketRecorder erin = roomsClient("erin", "#general,#dev");
    erin.send(new SendMessage("g1", "e1"));
    erin.send(new SendMessage("d1", "e2", "#dev"));
    erin.send(new SendMessage("g2", "e3"));
    nextEcho(erin, "e3");

    WebSocketRecorder back = chat.connectExtended();
    back.nextFrame(Welcome.class);
    back.send(new Register("carol", List.of(
        "rooms=#general,#dev", "token=" + token, "resume=#general:" + generalAt, "resume=#dev:" + devAt)));
    assertEquals("carol", back.nextFrame(Register.class).name());
    assertEquals(ROOM, back.nextFrame(Join.class).room());
    assertEquals(List.of("erin"), nextInRoom(back, Users.class).names());
    assertEquals(new Resumed(true, 2), nextInRoom(back, Resumed.class));
    assertEquals("g1", nextInRoom(back, ChatMessage.class).message());
    assertEquals("g2", nextInRoom(back, ChatMessage.class).message());
    assertEquals("#dev", back.nextFrameAfterPresence(Join.class).room());
    assertEquals(List.of("erin"), nextIn(back, "#dev", Users.class).names());
    assertEquals(new Resumed(true, 1), nextIn(back, "#dev", Resumed.class));
    assertEquals("d1", nextIn(back, "#dev", ChatMessage.class).message());
  }

  @Test
  void theRegisterReplySaysWhereTheSessionJoinedSoACableCutBeforeAnyRoomsJoinLosesNothing() throws Exception {
    WebSocketRecorder carol = chat.connectExtended();
    carol.nextFrame(Welcome.class);
    carol.send(new Register("carol", List.of("rooms=#general,#dev")));
    // A rooms client resumes each room after the register's position until that room's join comes.
    assertTrue(Options.value(carol.nextFrame(Register.class).options(), Wire.OPTION_JOINED_AT).isPresent());
    assertEquals(ROOM, nextOf(carol, Join.class).room());
  }

  @Test
  void aRoomListedTwiceInARegisterIsEnteredOnce() throws Exception {
    WebSocketRecorder carol = chat.connectExtended();
    carol.nextFrame(Welcome.class);
    carol.send(new Register("carol", List.of("rooms=#dev,#DEV,#\uFF44\uFF45\uFF56,#Dev,#ops")));
    carol.nextFrame(Register.class);
    assertEquals("#dev", nextOf(carol, Join.class).room());
    assertEquals("#ops", nextOf(carol, Join.class).room());
    carol.send(new SendMessage("marker", "c1", "#ops"));
    while (true) {
      ServerFrame frame = carol.nextServerFrame();
      assertFalse(frame instanceof Join, "a second join reply: " + frame);
      if (frame instanceof InRoom in && in.frame() instanceof ChatMessage message && "marker".equals(message.message())) {
        break;
      }
    }
  }

  @Test
  void aRoomWhereNothingWasSaidSinceADropIsCaughtUpWhole() throws Exception {
    WebSocketRecorder carol = chat.connectExtended();
    carol.nextFrame(Welcome.class);
    carol.send(new Register("carol", List.of("rooms=#general,#quiet")));
    String token = Options.value(carol.nextFrame(Register.class).options(), Wire.OPTION_TOKEN).orElseThrow();
    carol.nextFrame(Join.class);
    nextInRoom(carol, Users.class);
    String quietAt = carol.nextFrameAfterPresence(Join.class).joinedAt().orElseThrow();
    nextIn(carol, "#quiet", Users.class);
    carol.dropConnection();

    WebSocketRecorder erin = roomsClient("erin", "#general");
    erin.send(new SendMessage("elsewhere", "e1"));
    nextEcho(erin, "e1");

    WebSocketRecorder back = chat.connectExtended();
    back.nextFrame(Welcome.class);
    back.send(new Register("carol", List.of("rooms=#general,#quiet", "token=" + token, "resume=#quiet:" + quietAt)));
    assertEquals("carol", back.nextFrame(Register.class).name());
    assertEquals(ROOM, back.nextFrame(Join.class).room());
    assertEquals("#quiet", nextOf(back, Join.class).room());
    assertEquals(List.of(), nextIn(back, "#quiet", Users.class).names());
    assertEquals(new Resumed(true, 0), nextIn(back, "#quiet", Resumed.class));
  }

  @Test
  void aTopicIsToldToTheRoomAndToNewcomersAndTheListNamesRoomsWithTheMostMembersFirst() throws Exception {
    WebSocketRecorder dave = chat.connectExtended();
    dave.nextFrame(Welcome.class);
    dave.send(new Register("dave"));
    dave.nextFrameAfterPresence(Register.class);
    WebSocketRecorder carol = roomsClient("carol", "#general,#dev");
    WebSocketRecorder erin = roomsClient("erin", "#dev");
    carol.send(new dev.termchat.protocol.SetTopic("#dev", "release on Friday"));
    carol.send(new dev.termchat.protocol.SetTopic("#general", "welcome"));
    Topic topic = nextOf(erin, Topic.class);
    assertEquals(new Topic("#dev", "release on Friday", "carol", topic.time()), topic);
    assertEquals(topic, nextOf(carol, Topic.class));
    Topic general = nextOf(carol, Topic.class);
    assertEquals(List.of("#general", "welcome", "carol"), List.of(general.room(), general.topic(), general.by()));

    WebSocketRecorder frank = roomsClient("frank", "#dev");
    assertEquals("#dev", frank.nextFrame(Join.class).room());
    assertEquals(topic, frank.nextFrame(Topic.class));

    frank.send(new dev.termchat.protocol.ListRooms());
    RoomList list = nextOf(frank, RoomList.class);
    assertEquals(
        new RoomList(List.of(new RoomList.Listed("#dev", 3, "release on Friday"), new RoomList.Listed("#general", 2, "welcome")), 2),
        list);
    // The extended client that asked for no rooms hears of no topic: only who came, then its marker.
    String marker = dave.sayMarker();
    for (ServerFrame frame = dave.nextServerFrame(); !(frame instanceof ChatMessage said && said.message().equals(marker)); frame = dave.nextServerFrame()) {
      assertTrue(frame instanceof Users || frame instanceof Presence, String.valueOf(frame));
    }
  }

  private static <T extends ServerFrame> T nextOf(WebSocketRecorder client, Class<T> type) throws InterruptedException {
    while (true) {
      ServerFrame frame = client.nextServerFrame();
      if (type.isInstance(frame)) {
        return type.cast(frame);
      }
    }
  }

  private static ChatMessage nextEcho(WebSocketRecorder client, String clientId) throws InterruptedException {
    while (true) {
      if (client.nextServerFrame() instanceof InRoom frame && frame.frame() instanceof ChatMessage message
          && clientId.equals(message.clientId())) {
        return message;
      }
    }
  }

  private static ChatMessage nextMessageIn(WebSocketRecorder client, String room) throws InterruptedException {
    while (true) {
      if (client.nextServerFrame() instanceof InRoom frame && frame.frame() instanceof ChatMessage message) {
        assertEquals(room, frame.room());
        return message;
      }
    }
  }

  private static ChatMessage nextMessageInRoom(WebSocketRecorder client) throws InterruptedException {
    while (true) {
      if (client.nextServerFrame() instanceof InRoom frame && frame.frame() instanceof ChatMessage message) {
        assertEquals(ROOM, frame.room());
        return message;
      }
    }
  }

  /** Rooms made from one address range, counted as the bounds per range are: here with loopback. */
  @Nested
  class MadeFromOneRange {
    @RegisterExtension
    final ChatFixture ranged = new ChatFixture(
        config -> config.set(RoomOptions.MAX_ROOMS, 40).set(RoomOptions.MAX_ROOMS_PER_CONNECTION, 3).limitLoopback(true));

    private WebSocketRecorder client(String name, String rooms) throws InterruptedException {
      WebSocketRecorder client = ranged.connectExtended();
      client.nextFrame(Welcome.class);
      client.send(new Register(name, List.of("rooms=" + rooms)));
      client.nextFrame(Register.class);
      return client;
    }

    @Test
    void oneRangeMakesATenthOfTheRoomsTheServerKeepsAndNoMore() throws Exception {
      WebSocketRecorder carol = client("carol", "#a,#b,#c");
      assertEquals("#c", nextOfRoom(carol, "#c").room());
      WebSocketRecorder erin = client("erin", "#d");
      assertEquals("#d", nextOfRoom(erin, "#d").room());
      erin.send(new Join("#e"));
      ErrorReply refused = nextErrorOf(erin);
      assertEquals(ErrorCode.TOO_MANY_ROOMS.wireName(), refused.code());
      assertEquals("your address range has made 4 of the rooms kept, the most one range may;"
          + " join one of them, or wait until one is forgotten", refused.reason());
      erin.send(new Join("#a"));
      assertEquals("#a", nextOfRoom(erin, "#a").room());
      // Forgotten, a room no longer counts.
      carol.send(new dev.termchat.protocol.Part("#b"));
      nextOf(carol, dev.termchat.protocol.Part.class);
      erin.send(new Join("#e"));
      assertEquals("#e", nextOfRoom(erin, "#e").room());
    }

    private Join nextOfRoom(WebSocketRecorder client, String room) throws InterruptedException {
      while (true) {
        Join join = nextOf(client, Join.class);
        if (join.room().equals(room)) {
          return join;
        }
      }
    }

    private ErrorReply nextErrorOf(WebSocketRecorder client) throws InterruptedException {
      return nextOf(client, ErrorReply.class);
    }
  }

  /** The limits on rooms, small enough to reach. */
  @Nested
  class Limits {
    /** The rooms' time: joins are limited on it, and it moves when the test says. */
    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-06T12:00:00Z"));

    @RegisterExtension
    final ChatFixture small =
        new ChatFixture(clock, config -> config.set(RoomOptions.MAX_ROOMS, 3).set(RoomOptions.MAX_ROOMS_PER_CONNECTION, 2));

    private WebSocketRecorder client(String name, String rooms) throws InterruptedException {
      WebSocketRecorder client = small.connectExtended();
      assertTrue(client.nextFrame(Welcome.class).capabilities().contains("rooms-per-connection=2"));
      client.send(new Register(name, List.of("rooms=" + rooms)));
      client.nextFrame(Register.class);
      return client;
    }

    private ErrorReply nextError(WebSocketRecorder client) throws InterruptedException {
      while (true) {
        if (client.nextServerFrame() instanceof ErrorReply error) {
          return error;
        }
      }
    }

    @Test
    void aConnectionIsInAtMostSoManyRoomsAndTheServerKeepsAtMostSoMany() throws Exception {
      WebSocketRecorder carol = client("carol", "#a,#b,#c");
      ErrorReply tooMany = nextError(carol);
      assertEquals(ErrorCode.TOO_MANY_ROOMS.wireName(), tooMany.code());
      assertEquals("one connection may be in at most 2 rooms; the rest were not joined", tooMany.reason());
      carol.send(new Join("#c"));
      assertEquals("you are in 2 rooms, the most one connection may be in; part one first", nextError(carol).reason());

      WebSocketRecorder erin = client("erin", "");
      erin.send(new Join("#c"));
      assertEquals("the server has 3 rooms, the most it keeps; join one of them", nextError(erin).reason());
      // Empty and with nothing said, a room is forgotten, and its place is free.
      carol.send(new dev.termchat.protocol.Part("#a"));
      assertEquals(new dev.termchat.protocol.Part("#a"), carol.nextFrame(dev.termchat.protocol.Part.class));
      erin.send(new Join("#c"));
      assertEquals("#c", erin.nextFrame(Join.class).room());
    }

    @Test
    void joinsBeyondARegistersRoomsComeAtSoManyAMinute() throws Exception {
      WebSocketRecorder carol = client("carol", "");
      // A burst as big as the rooms a connection may be in (2 here), then one every 2 s.
      for (int i = 0; i < 2; i++) {
        carol.send(new Join("#x"));
        assertEquals("#x", nextOf(carol, Join.class).room());
        carol.send(new dev.termchat.protocol.Part("#x"));
        nextOf(carol, dev.termchat.protocol.Part.class);
      }
      carol.send(new Join("#x"));
      ErrorReply limited = nextError(carol);
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), limited.code());
      assertEquals("too many joins; try again in 2 s", limited.reason());
      clock.advance(Duration.ofSeconds(2));
      carol.send(new Join("#x"));
      assertEquals("#x", nextOf(carol, Join.class).room());
    }

    @Test
    void joiningARoomOneIsInAgainCostsAJoinAsWell() throws Exception {
      WebSocketRecorder carol = client("carol", "#x");
      nextOf(carol, Join.class);
      // Its answer is the room's whole list: without a cost, a flood of them is a flood of lists.
      for (int i = 0; i < 2; i++) {
        carol.send(new Join("#x"));
        assertEquals("#x", nextOf(carol, Join.class).room());
      }
      carol.send(new Join("#x"));
      ErrorReply limited = nextError(carol);
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), limited.code());
      clock.advance(Duration.ofSeconds(2));
      carol.send(new Join("#x"));
      assertEquals("#x", nextOf(carol, Join.class).room());
    }

    @Test
    void aRoomMadeAgainAfterOneForgottenWithItsHistoryCannotSayNothingWasMissed() throws Exception {
      WebSocketRecorder carol = client("carol", "#a");
      String at = nextOf(carol, Join.class).joinedAt().orElseThrow();
      carol.send(new SendMessage("said in the first #a", "c1", "#a"));
      nextEcho(carol, "c1");
      carol.send(new dev.termchat.protocol.Part("#a"));
      nextOf(carol, dev.termchat.protocol.Part.class);
      // #a is idle with its history; two new rooms need its place, and it is forgotten.
      WebSocketRecorder erin = client("erin", "#b,#c");
      nextOf(erin, Join.class);
      assertEquals("#c", nextOf(erin, Join.class).room());
      erin.send(new dev.termchat.protocol.Part("#c"));
      nextOf(erin, dev.termchat.protocol.Part.class);

      WebSocketRecorder back = small.connectExtended();
      back.nextFrame(Welcome.class);
      back.send(new Register("frank", List.of("rooms=#a", "resume=#a:" + at)));
      back.nextFrame(Register.class);
      assertEquals("#a", back.nextFrame(Join.class).room());
      assertEquals(new InRoom("#a", new Users(List.of())), back.nextFrame(InRoom.class));
      assertEquals(new InRoom("#a", new Resumed(false, 0)), back.nextFrame(InRoom.class));
    }

    @Test
    void aLookAlikeOfTheDefaultRoomIsTheDefaultRoom() throws Exception {
      WebSocketRecorder carol = client("carol", "");
      carol.send(new Join("#generaI"));
      assertEquals("#general", nextOf(carol, Join.class).room());
    }
  }
}
