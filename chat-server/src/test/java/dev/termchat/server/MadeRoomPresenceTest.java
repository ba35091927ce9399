package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Nick;
import dev.termchat.protocol.Part;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.SetTopic;
import dev.termchat.protocol.Topic;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who joins and leaves a room made by joining it, over real sockets: told its members paced and
 * batched, as the default room's are, yet never after a line, topic or rename of whoever it
 * names. The pacing runs on the log's clock, which these tests hold still and move: while it
 * stands, the changes after the first wait; once it moves on, they go out together.
 */
class MadeRoomPresenceTest {
  private static final String ROOM = "#m";
  private static final int WAVE = 20;

  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-06T12:00:00Z"));

  @RegisterExtension final ChatFixture chat = new ChatFixture(clock, config -> config);

  /** A rooms client registered in the room, its join reply taken; returns the members it was sent. */
  private List<String> enter(String name, List<WebSocketRecorder> into) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    client.nextFrame(Welcome.class);
    client.send(new Register(name, List.of("rooms=" + ROOM)));
    assertEquals(name, client.nextFrame(Register.class).name());
    assertEquals(ROOM, client.nextFrame(Join.class).room());
    into.add(client);
    ServerFrame frame = client.nextServerFrame();
    if (frame instanceof Topic) {
      frame = client.nextServerFrame(); // The room's topic, when it has one, comes before its members.
    }
    return assertInstanceOf(Users.class, assertInstanceOf(InRoom.class, frame).frame()).names();
  }

  /** The first member: the room is quiet, so it hears of itself at once. */
  private WebSocketRecorder anna() throws InterruptedException {
    List<WebSocketRecorder> one = new ArrayList<>();
    assertEquals(List.of(), enter("anna", one));
    WebSocketRecorder anna = one.get(0);
    assertEquals(Presence.joined(List.of("anna")), next(anna, Presence.class));
    return anna;
  }

  /** The next frame, which must be one of the room, of this type. */
  private static <T extends ServerFrame> T next(WebSocketRecorder client, Class<T> type) throws InterruptedException {
    ServerFrame frame = client.nextServerFrame();
    if (type == Topic.class) {
      return type.cast(frame);
    }
    InRoom inRoom = assertInstanceOf(InRoom.class, frame);
    assertEquals(ROOM, inRoom.room(), inRoom.toString());
    return assertInstanceOf(type, inRoom.frame(), inRoom.toString());
  }

  /** Says a line in the room, its text its id, which the room sends after whatever it owed before. */
  private static String sayIn(WebSocketRecorder client, String text) {
    client.send(new SendMessage(text, text, ROOM));
    return text;
  }

  private static List<String> names(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(prefix + i);
    }
    return names;
  }

  @Test
  void aWaveOfJoinsReachesAMemberAsOneFrameNamingEachNewcomerOnceInOrder() throws Exception {
    WebSocketRecorder anna = anna();
    List<WebSocketRecorder> wave = new ArrayList<>();
    List<String> newcomers = names("n", WAVE);
    for (String name : newcomers) {
      // Each is sent the room as its members were told it: the joins not told yet come after.
      assertEquals(List.of("anna"), enter(name, wave));
    }
    // The clock stands: what came after anna's own arrival waits, in no frame yet.
    anna.assertNoMoreEventsBefore(anna.pingMarker());

    clock.advance(Duration.ofMillis(50));
    assertEquals(Presence.joined(newcomers), next(anna, Presence.class));
    anna.assertNoMoreEventsBefore(anna.pingMarker());
    // The newcomers hear of each other, and of themselves, in the same one frame.
    for (WebSocketRecorder newcomer : List.of(wave.get(0), wave.get(WAVE - 1))) {
      assertEquals(Presence.joined(newcomers), next(newcomer, Presence.class));
      newcomer.assertNoMoreEventsBefore(newcomer.pingMarker());
    }
  }

  @Test
  void aNewcomersLineTopicOrRenameNeverArrivesBeforeItsJoined() throws Exception {
    WebSocketRecorder anna = anna();
    List<WebSocketRecorder> wave = new ArrayList<>();
    enter("bob", wave);
    enter("carol", wave);
    enter("dave", wave);
    enter("erin", wave);
    WebSocketRecorder carol = wave.get(1);
    carol.send(new SendMessage("hi", "c1", ROOM));
    assertEquals(Presence.joined(List.of("bob", "carol", "dave", "erin")), next(anna, Presence.class));
    ChatMessage said = next(anna, ChatMessage.class);
    assertEquals(List.of("carol", "hi"), List.of(said.from(), said.message()));

    enter("frank", wave);
    wave.get(4).send(new SetTopic(ROOM, "frank was here"));
    assertEquals(Presence.joined(List.of("frank")), next(anna, Presence.class));
    assertEquals("frank", next(anna, Topic.class).by());

    enter("gina", wave);
    wave.get(5).send(new Nick("georgina"));
    assertEquals(Presence.joined(List.of("gina")), next(anna, Presence.class));
    assertEquals(new Renamed("gina", "georgina"), next(anna, Renamed.class));
    // Told once: moving the clock on sends none of them again, before anna's next line or after.
    clock.advance(Duration.ofMillis(50));
    anna.assertNoMoreEventsBefore(sayIn(anna, "after"));
    anna.assertNoMoreEventsBefore(anna.pingMarker());
  }

  @Test
  void aWaveOfLeavesIsOneFrameTooAndANewcomerMeanwhileIsSentTheRoomAsLastTold() throws Exception {
    WebSocketRecorder anna = anna();
    List<WebSocketRecorder> wave = new ArrayList<>();
    List<String> stayers = names("s", WAVE);
    for (String name : stayers) {
      enter(name, wave);
    }
    clock.advance(Duration.ofMillis(50));
    assertEquals(Presence.joined(stayers), next(anna, Presence.class));

    List<String> leavers = stayers.subList(0, WAVE / 2);
    for (int i = 0; i < leavers.size(); i++) {
      wave.get(i).send(new Part(ROOM));
      assertEquals(new Part(ROOM), wave.get(i).nextFrameAfterPresence(Part.class));
    }
    List<String> told = new ArrayList<>(stayers.subList(WAVE / 2, WAVE));
    told.addAll(leavers);
    List<String> toldWithAnna = new ArrayList<>(List.of("anna"));
    toldWithAnna.addAll(told);
    List<WebSocketRecorder> late = new ArrayList<>();
    // Those who left are still in the room as it was told; their leaving comes after, with everyone's.
    assertEquals(toldWithAnna, enter("zoe", late));
    anna.assertNoMoreEventsBefore(anna.pingMarker());

    clock.advance(Duration.ofMillis(50));
    for (WebSocketRecorder member : List.of(anna, late.get(0))) {
      assertEquals(Presence.left(leavers), next(member, Presence.class));
      assertEquals(Presence.joined(List.of("zoe")), next(member, Presence.class));
      member.assertNoMoreEventsBefore(member.pingMarker());
    }
  }

  @Test
  void oneWhoLeftTookAnotherNameAndCameBackIsToldAsItHappened() throws Exception {
    WebSocketRecorder anna = anna();
    List<WebSocketRecorder> them = new ArrayList<>();
    enter("bob", them);
    clock.advance(Duration.ofMillis(50));
    assertEquals(Presence.joined(List.of("bob")), next(anna, Presence.class));

    WebSocketRecorder bob = them.get(0);
    bob.send(new Part(ROOM));
    bob.nextFrameAfterPresence(Part.class);
    bob.send(new Nick("robert"));
    assertEquals("robert", bob.nextFrameAfterPresence(Register.class).name());
    bob.send(new Join(ROOM));
    assertEquals(ROOM, bob.nextFrameAfterPresence(Join.class).room());
    // The room as told still has bob, not robert: the news of both is yet to come.
    assertEquals(List.of("anna", "bob"), enter("zoe", them));
    anna.assertNoMoreEventsBefore(anna.pingMarker());

    clock.advance(Duration.ofMillis(50));
    for (WebSocketRecorder member : List.of(anna, them.get(1))) {
      assertEquals(Presence.left(List.of("bob")), next(member, Presence.class));
      assertEquals(Presence.joined(List.of("robert", "zoe")), next(member, Presence.class));
      member.assertNoMoreEventsBefore(member.pingMarker());
    }
  }
}
