package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.History;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.server.metrics.ChatMeters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Made rooms whose lines are in logs of their own (a cluster's layout for a Redis Cluster), over
 * {@link ApartRoomLog}: a node reads a room only while its members are in it, a line is judged
 * on its sender's node and shown everywhere under the name it carries, never before its sender's
 * entry, and a room's ids are its own log's. No Redis, no sockets; {@code ClusterRoomsIT} runs
 * the same over a real Redis Cluster.
 */
class RoomsApartTest {
  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
  private final ApartRoomLog log = new ApartRoomLog(clock);
  private final List<ChatRoom> rooms = new ArrayList<>();

  @AfterEach
  void closeRooms() {
    rooms.forEach(ChatRoom::close);
    assertFalse(fatal.isDone(), "a room met a fatal error");
  }

  private ChatRoom node(String node) {
    RoomSettings settings = new RoomSettings(node, true, 1000, 10_000, 100, Duration.ofMinutes(2), PresenceLimits.defaults());
    ChatRoom room = new ChatRoom(new FrameCodec(), settings, log.forNode(node), new ChatMeters() {}, fatal::complete);
    room.start();
    rooms.add(room);
    return room;
  }

  private static FakeMember roomsClient(String node, ChatRoom room, String name, String... options) throws InterruptedException {
    FakeMember member = FakeMember.on(node, Dialect.ROOMS);
    room.attach(member);
    List<String> all = new ArrayList<>(List.of(options));
    room.join(member, new Register(name, all.isEmpty() ? List.of("rooms=#general") : all));
    assertEquals(name, member.next(Register.class).name());
    return member;
  }

  /** The next frame of this room for the member, past those of other rooms. */
  private static ServerFrame nextIn(FakeMember member, String room) throws InterruptedException {
    while (true) {
      ServerFrame frame = member.next();
      if (frame instanceof InRoom in && in.room().equals(room)) {
        return in.frame();
      }
      if (frame instanceof Join join && join.room().equals(room)) {
        return join;
      }
    }
  }

  private static <T extends ServerFrame> T skipIn(FakeMember member, String room, Class<T> type) throws InterruptedException {
    while (true) {
      ServerFrame frame = nextIn(member, room);
      if (type.isInstance(frame)) {
        return type.cast(frame);
      }
    }
  }

  @Test
  void aLineGoesToItsRoomsOwnLogAndBackUnderItsIdWithHistoryForWhoeverComesLater() throws Exception {
    ChatRoom a = node("a");
    FakeMember alice = roomsClient("a", a, "alice");
    a.rooms().enter(alice, "#dev", 50);
    Join joined = skipIn(alice, "#dev", Join.class);
    assertEquals("a follow #dev", log.asked.poll(10, TimeUnit.SECONDS), "the room is read once its first member here enters");
    assertEquals("0-0", joined.joinedAt().orElseThrow(), "where the room's own log was: it had nothing");
    a.say(alice, "first", false, "c1", "#dev");
    ChatMessage echo = skipIn(alice, "#dev", ChatMessage.class);
    assertEquals("first", echo.message());
    assertTrue(echo.id().startsWith("9"), "the id is of the room's own log: " + echo.id());

    FakeMember bob = roomsClient("a", a, "bob");
    a.rooms().enter(bob, "#dev", 50);
    Join bobJoined = skipIn(bob, "#dev", Join.class);
    assertEquals(echo.id(), bobJoined.joinedAt().orElseThrow(), "where the room's log is now");
    History history = skipIn(bob, "#dev", History.class);
    assertEquals("alice: first", history.entry().from() + ": " + history.entry().message());
    assertNull(log.asked.poll(), "a room followed already is not loaded again");
  }

  @Test
  void aNodeReadsOnlyTheRoomsItsMembersAreIn() throws Exception {
    ChatRoom a = node("a");
    ChatRoom b = node("b");
    FakeMember alice = roomsClient("a", a, "alice");
    FakeMember bob = roomsClient("b", b, "bob");
    b.rooms().enter(bob, "#ops", 50);
    skipIn(bob, "#ops", Join.class);
    assertEquals("b follow #ops", log.asked.poll(10, TimeUnit.SECONDS));
    b.say(bob, "ops only", false, null, "#ops");
    assertEquals("ops only", skipIn(bob, "#ops", ChatMessage.class).message());
    a.rooms().enter(alice, "#dev", 50);
    skipIn(alice, "#dev", Join.class);
    assertEquals("a follow #dev", log.asked.poll(10, TimeUnit.SECONDS), "node a reads #dev, and never #ops");
    assertNull(log.asked.poll());
  }

  @Test
  void aLineWaitsOnANodeThatHasNotReadItsSendersEntryAndCarriesItsName() throws Exception {
    ChatRoom a = node("a");
    ChatRoom b = node("b");
    FakeMember bob = roomsClient("b", b, "bob");
    b.rooms().enter(bob, "#dev", 50);
    skipIn(bob, "#dev", Join.class);
    skipIn(bob, "#dev", Users.class);
    log.hold("b"); // Node b reads the node-wide log late from now on.
    FakeMember alice = roomsClient("a", a, "alice");
    a.rooms().enter(alice, "#dev", 50);
    skipIn(alice, "#dev", Join.class);
    a.say(alice, "hello from a", false, null, "#dev");
    assertEquals("hello from a", skipIn(alice, "#dev", ChatMessage.class).message());
    a.rename(alice, "alicia"); // After the line: it still reads alice everywhere.
    log.release("b");
    boolean heardAlice = false;
    while (true) {
      ServerFrame frame = nextIn(bob, "#dev");
      if (frame instanceof Presence presence && presence.joined() && presence.names().contains("alice")) {
        heardAlice = true;
      } else if (frame instanceof ChatMessage line) {
        assertTrue(heardAlice, "bob hears alice joined before her line");
        assertEquals("alice: hello from a", line.from() + ": " + line.message());
        break;
      }
    }
  }

  @Test
  void aClientResumesARoomAfterItsOwnLogsIdOnAnotherNode() throws Exception {
    ChatRoom a = node("a");
    ChatRoom b = node("b");
    FakeMember alice = FakeMember.on("a", Dialect.ROOMS);
    a.attach(alice);
    a.join(alice, new Register("alice", List.of("rooms=#general,#dev")));
    String token = RoomSteps.token(alice.next(Register.class));
    String seen = skipIn(alice, "#dev", Join.class).joinedAt().orElseThrow();
    FakeMember bob = roomsClient("b", b, "bob", "rooms=#dev");
    skipIn(bob, "#dev", Join.class);
    a.leave(alice, "connection reset");
    alice.awaitLeft();
    for (String text : List.of("m1", "m2", "m3")) {
      b.say(bob, text, false, null, "#dev");
      assertEquals(text, skipIn(bob, "#dev", ChatMessage.class).message());
    }
    FakeMember back = FakeMember.on("a", Dialect.ROOMS);
    a.attach(back);
    a.join(back, new Register("alice", List.of("rooms=#general,#dev", "token=" + token, "resume=#dev:" + seen)));
    assertEquals("alice", back.next(Register.class).name());
    assertEquals(new Resumed(true, 3), skipIn(back, "#dev", Resumed.class));
    for (String text : List.of("m1", "m2", "m3")) {
      assertEquals(text, skipIn(back, "#dev", ChatMessage.class).message());
    }
  }

  @Test
  void aRoomIsLetGoAGraceAfterItsLastMemberHereLeft() throws Exception {
    ChatRoom a = node("a");
    FakeMember alice = roomsClient("a", a, "alice", "rooms=#general,#dev");
    skipIn(alice, "#dev", Join.class);
    assertEquals("a follow #dev", log.asked.poll(10, TimeUnit.SECONDS));
    a.rooms().part(alice, "#dev");
    assertInstanceOf(dev.termchat.protocol.Part.class, nextPart(alice));
    clock.advance(Duration.ofMillis(FollowedRooms.GRACE_MILLIS + 1));
    roomsClient("a", a, "carol"); // An entry at the moved time.
    assertEquals("a unfollow #dev", log.asked.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void aLineSentRightAfterAnEntryWaitsForTheRoomsLogAndIsSaid() throws Exception {
    ChatRoom a = node("a");
    FakeMember alice = roomsClient("a", a, "alice");
    log.holdLoads();
    a.rooms().enter(alice, "#dev", 50);
    a.say(alice, "at once", false, "c1", "#dev");
    assertEquals("a follow #dev", log.asked.poll(10, TimeUnit.SECONDS));
    log.releaseLoads();
    skipIn(alice, "#dev", Join.class);
    assertEquals("at once", skipIn(alice, "#dev", ChatMessage.class).message(), "said in the room, not refused as not in it");
  }

  @Test
  void anEntryIntoARoomWhoseLogIsOutOfReachIsRefusedAndTheNextOneWorks() throws Exception {
    ChatRoom a = node("a");
    FakeMember alice = roomsClient("a", a, "alice");
    log.reachable(false);
    a.rooms().enter(alice, "#dev", 50);
    ErrorReply refused = skipTo(alice, ErrorReply.class);
    assertEquals(ErrorCode.UNAVAILABLE.wireName(), refused.code());
    log.reachable(true);
    a.rooms().enter(alice, "#dev", 50);
    assertEquals("#dev", skipIn(alice, "#dev", Join.class).room());
  }

  @Test
  void aRoomsLogThatCameBackEmptyIsReadAgainAndAResumeThereIsNotComplete() throws Exception {
    ChatRoom a = node("a");
    FakeMember alice = FakeMember.on("a", Dialect.ROOMS);
    a.attach(alice);
    a.join(alice, new Register("alice", List.of("rooms=#general,#dev")));
    String token = RoomSteps.token(alice.next(Register.class));
    skipIn(alice, "#dev", Join.class);
    FakeMember bob = roomsClient("a", a, "bob", "rooms=#dev");
    skipIn(bob, "#dev", Join.class);
    a.say(bob, "before the loss", false, null, "#dev");
    String seen = skipIn(alice, "#dev", ChatMessage.class).id();
    a.say(bob, "lost with the shard", false, null, "#dev");
    assertEquals("lost with the shard", skipIn(alice, "#dev", ChatMessage.class).message());
    a.leave(alice, "connection reset");
    alice.awaitLeft();
    log.wipe("#dev");
    a.say(bob, "after the loss", false, null, "#dev");
    while (!skipIn(bob, "#dev", ChatMessage.class).message().equals("after the loss")) {
      // Bob's echoes of the lines before.
    }
    FakeMember back = FakeMember.on("a", Dialect.ROOMS);
    a.attach(back);
    a.join(back, new Register("alice", List.of("rooms=#general,#dev", "token=" + token, "resume=#dev:" + seen)));
    assertEquals("alice", back.next(Register.class).name());
    assertFalse(skipIn(back, "#dev", Resumed.class).complete(), "what the lost log held since is not there to send");
  }

  @Test
  void aRoomMadeAgainWhileFollowedKeepsItsHistory() throws Exception {
    ChatRoom a = node("a");
    FakeMember alice = roomsClient("a", a, "alice", "rooms=#dev");
    skipIn(alice, "#dev", Join.class);
    a.say(alice, "kept", false, null, "#dev");
    assertEquals("kept", skipIn(alice, "#dev", ChatMessage.class).message());
    a.rooms().part(alice, "#dev"); // Forgotten: no member, no topic; still followed for the grace.
    nextPart(alice);
    a.rooms().enter(alice, "#Dev", 50);
    History history = skipIn(alice, "#Dev", History.class);
    assertEquals("kept", history.entry().message());
  }

  @Test
  void aRoomForgottenWhileFollowedIsReadAfreshWithTheLinesSaidSinceElsewhere() throws Exception {
    ChatRoom a = node("a");
    ChatRoom b = node("b");
    FakeMember alice = roomsClient("a", a, "alice", "rooms=#dev");
    skipIn(alice, "#dev", Join.class);
    a.say(alice, "old", false, null, "#dev");
    assertEquals("old", skipIn(alice, "#dev", ChatMessage.class).message());
    a.rooms().part(alice, "#dev"); // Forgotten everywhere; node a still follows it, for the grace.
    nextPart(alice);
    FakeMember tom = roomsClient("b", b, "tom", "rooms=#dev");
    skipIn(tom, "#dev", Join.class);
    b.say(tom, "new", false, null, "#dev");
    String newId = skipIn(tom, "#dev", ChatMessage.class).id();
    FakeMember zed = roomsClient("a", a, "zed", "rooms=#dev");
    Join joined = skipIn(zed, "#dev", Join.class);
    assertEquals(newId, joined.joinedAt().orElseThrow(), "where the room's log is, not where node a left it");
    assertEquals("old", skipIn(zed, "#dev", History.class).entry().message());
    assertEquals("new", skipIn(zed, "#dev", History.class).entry().message(), "the line said while no one here was in it");
  }

  private static <T extends ServerFrame> T skipTo(FakeMember member, Class<T> type) throws InterruptedException {
    while (true) {
      ServerFrame frame = member.next();
      if (type.isInstance(frame)) {
        return type.cast(frame);
      }
    }
  }

  private static ServerFrame nextPart(FakeMember member) throws InterruptedException {
    while (true) {
      ServerFrame frame = member.next();
      if (frame instanceof dev.termchat.protocol.Part part) {
        return part;
      }
    }
  }

}
