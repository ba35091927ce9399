package dev.termchat.server.room;

import static dev.termchat.server.room.RoomSteps.joinIn;
import static dev.termchat.server.room.RoomSteps.register;
import static dev.termchat.server.room.RoomSteps.skipTo;
import static dev.termchat.server.room.RoomSteps.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Wire;
import dev.termchat.server.metrics.ChatMeters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rooms of two or three nodes sharing one log, as a cluster's nodes share Redis's stream:
 * what the log's order decides is decided alike on every node. No Redis, no sockets, a clock the
 * test moves; {@code ClusterTest} keeps what needs Redis and real nodes.
 */
class SharedLogTest {
  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final SharedRoomLog log = new SharedRoomLog(new MutableClock(Instant.parse("2026-11-29T12:00:00Z")));
  private final List<ChatRoom> rooms = new ArrayList<>();

  @AfterEach
  void closeRooms() {
    rooms.forEach(ChatRoom::close);
    assertFalse(fatal.isDone(), "a room met a fatal error");
  }

  /** The room of this node, started on the shared log. */
  private ChatRoom node(String node) {
    return node(node, new ChatMeters() {});
  }

  private ChatRoom node(String node, ChatMeters meters) {
    RoomSettings settings = new RoomSettings(node, true, 1000, 10_000, 100, Duration.ofMinutes(2), PresenceLimits.defaults());
    ChatRoom room = new ChatRoom(new FrameCodec(), settings, log.forNode(), meters, fatal::complete);
    room.start();
    rooms.add(room);
    return room;
  }

  private static FakeMember client(String node, Dialect dialect, ChatRoom room) {
    FakeMember member = FakeMember.on(node, dialect);
    room.attach(member);
    return member;
  }

  @Test
  void aNameClashAcrossNodesIsDecidedTheSameEverywhere() throws Exception {
    ChatRoom first = node("a");
    ChatRoom second = node("b");
    FakeMember one = client("a", Dialect.BASE, first);
    FakeMember two = client("b", Dialect.BASE, second);
    first.join(one, new Register("sam"));
    second.join(two, new Register("sam"));
    String oneName = one.next(Register.class).name();
    String twoName = two.next(Register.class).name();
    assertEquals(List.of("sam", "sam-2"), List.of(oneName, twoName).stream().sorted().toList());
    assertEquals(usersNaming(one, twoName), usersNaming(two, oneName), "the same list, in the same order, on both nodes");
  }

  private static List<String> usersNaming(FakeMember member, String name) throws InterruptedException {
    while (true) {
      if (member.next() instanceof Users users && users.names().contains(name)) {
        return users.names();
      }
    }
  }

  @Test
  void aClientResumesOnAnotherNodeWithoutLoss() throws Exception {
    ChatRoom first = node("a");
    ChatRoom second = node("b");
    FakeMember alice = client("a", Dialect.EXTENDED, first);
    String token = token(joinIn(first, alice, register("alice")));
    FakeMember bob = client("b", Dialect.EXTENDED, second);
    joinIn(second, bob, register("bob"));
    second.say(bob, "seen by alice", false, null);
    String lastSeen = skipTo(alice, ChatMessage.class).id();
    dropSayAndResume(first, alice, second, bob, token, lastSeen, List.of("m1", "m2", "m3"));
  }

  @Test
  void aClientThatSawNoMessageResumesOnAnotherNodeAfterWhereItJoined() throws Exception {
    ChatRoom first = node("a");
    ChatRoom second = node("b");
    FakeMember bob = client("b", Dialect.EXTENDED, second);
    joinIn(second, bob, register("bob"));
    second.say(bob, "before alice", false, null);
    assertEquals("before alice", skipTo(bob, ChatMessage.class).message());
    FakeMember alice = client("a", Dialect.EXTENDED, first);
    Register reply = joinIn(first, alice, register("alice", Options.of(Wire.OPTION_HISTORY, 0)));
    // The log's ids are in the same order on both nodes: the other node places it.
    dropSayAndResume(first, alice, second, bob, token(reply), reply.joinedAt().orElseThrow(), List.of("m1", "m2"));
  }

  @Test
  void aNodeThatMissedARoomsClientsJoinsPutsItInTheRoomsItsRosterNames() throws Exception {
    ChatRoom second = node("b");
    FakeMember erin = client("b", Dialect.ROOMS, second);
    second.join(erin, new Register("erin", List.of("rooms=#dev")));
    assertEquals("#dev", skipTo(erin, dev.termchat.protocol.Join.class).room());
    // Node a says who it has, as after Redis lost the entries of carol's join: carol in #dev.
    log.forNode().append(
        new RoomEvent.Roster(
            new Who("a", 0), List.of(new RoomEvent.Present(7, "carol", "127.0.0.1:7", Dialect.ROOMS, List.of("#dev"))), null, false));
    while (true) {
      if (erin.next() instanceof dev.termchat.protocol.InRoom frame && frame.frame() instanceof Presence presence && presence.joined()
          && presence.names().contains("carol")) {
        assertEquals("#dev", frame.room());
        break;
      }
    }
    // And carol's lines in #dev reach it, as on the nodes that saw her enter.
    log.forNode().append(new RoomEvent.Say(new Who("a", 7), "hello dev", false, null, "#dev"));
    while (true) {
      if (erin.next() instanceof dev.termchat.protocol.InRoom frame && frame.frame() instanceof ChatMessage message) {
        assertEquals("#dev", frame.room());
        assertEquals("carol: hello dev", message.from() + ": " + message.message());
        break;
      }
    }
  }

  /**
   * Alice's connection drops on her node, bob says these lines, and alice comes back on bob's
   * node with her token, resuming after this id, and is sent them all, in order.
   */
  private static void dropSayAndResume(
      ChatRoom aliceRoom, FakeMember alice, ChatRoom other, FakeMember bob, String token, String after, List<String> lines)
      throws InterruptedException {
    aliceRoom.leave(alice, "connection reset");
    alice.awaitLeft();
    for (String line : lines) {
      other.say(bob, line, false, null);
    }
    String last = lines.get(lines.size() - 1);
    while (!skipTo(bob, ChatMessage.class).message().equals(last)) {
      // Bob's echoes of the lines before the last.
    }

    FakeMember back = client(bob.who().node(), Dialect.EXTENDED, other);
    Register reply =
        joinIn(other, back, register("alice", Options.of(Wire.OPTION_TOKEN, token), Options.of(Wire.OPTION_RESUME, after)));
    assertEquals("alice", reply.name());
    assertEquals(new Resumed(true, lines.size()), skipTo(back, Resumed.class));
    for (String line : lines) {
      assertEquals(line, skipTo(back, ChatMessage.class).message());
    }
  }

  @Test
  void aStrictClientOnOneNodeSeesEverySenderInItsListBeforeItsMessage() throws Exception {
    ChatRoom a = node("a");
    ChatRoom b = node("b");
    ChatRoom c = node("c");
    FakeMember yew = client("b", Dialect.BASE, b);
    joinIn(b, yew, register("yew"));
    for (int i = 0; i < 10; i++) {
      String node = i % 2 == 0 ? "a" : "c";
      ChatRoom room = i % 2 == 0 ? a : c;
      FakeMember racer = client(node, Dialect.BASE, room);
      // Register and speak at once: the join and the message race through the log.
      room.join(racer, new Register("racer" + i));
      room.say(racer, "hi from racer" + i, false, null);
    }
    Set<String> named = new HashSet<>();
    int messages = 0;
    while (messages < 10) {
      ServerFrame frame = yew.next();
      if (frame instanceof Users users) {
        named = new HashSet<>(users.names());
      } else if (frame instanceof ChatMessage message) {
        assertTrue(named.contains(message.from()), message.from() + " spoke before yew's list named it: " + named);
        messages++;
      }
    }
  }

  @Test
  void aRefusalTheLogDecidesIsCountedOnItsSendersNodeAlone() throws Exception {
    List<String> refusedOnA = new CopyOnWriteArrayList<>();
    List<String> refusedOnB = new CopyOnWriteArrayList<>();
    ChatRoom first = node("a", refusalsInto(refusedOnA));
    ChatRoom second = node("b", refusalsInto(refusedOnB));
    FakeMember bob = client("b", Dialect.EXTENDED, second);
    joinIn(second, bob, register("bob"));
    FakeMember stranger = client("a", Dialect.EXTENDED, first);

    first.say(stranger, "before registering", false, "c1"); // Judged where the log hands it back.
    assertEquals(ErrorCode.NOT_REGISTERED.wireName(), skipTo(stranger, ErrorReply.class).code());
    second.say(bob, "marker", false, null);
    assertEquals("marker", skipTo(bob, ChatMessage.class).message(), "node b is past the stranger's line");

    assertEquals(List.of(ErrorCode.NOT_REGISTERED.wireName()), refusedOnA);
    assertEquals(List.of(), refusedOnB, "the other node applied the same entry, and neither counted nor told it");
  }

  private static ChatMeters refusalsInto(List<String> causes) {
    return new ChatMeters() {
      @Override
      public void refused(String cause) {
        causes.add(cause);
      }
    };
  }
}
