package dev.termchat.server;

import static dev.termchat.testing.Moderators.act;
import static dev.termchat.testing.Moderators.baseFrom;
import static dev.termchat.testing.Moderators.error;
import static dev.termchat.testing.Moderators.join;
import static dev.termchat.testing.Moderators.next;
import static dev.termchat.testing.Moderators.notice;
import static dev.termchat.testing.Moderators.registerRooms;
import static dev.termchat.testing.Moderators.roomsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.History;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.Moderation;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Part;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.SetTopic;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import dev.termchat.testing.WebSocketRecorder.Closed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Roles, kicks, bans and muted rooms over real sockets: who may do what, what the room is told,
 * and what a base client sees (an action, then its close with a documented code).
 */
class ModerationTest {
  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T08:00:00Z"));

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(clock, config -> config.operators(List.of("root")).historySize(5));

  @Test
  void theMakerOfARoomOpsAMemberWhoKicksAndADeopTakesTheRightAway() throws Exception {
    WebSocketRecorder ann = roomsClient(chat, "ann", "#dev");
    WebSocketRecorder bob = roomsClient(chat, "bob", "#dev");
    WebSocketRecorder carol = roomsClient(chat, "carol", "#dev");

    carol.send(act(ModerationAct.KICK, "#dev", "bob"));
    error(carol, "not-permitted");

    ann.send(act(ModerationAct.OP, "#dev", "bob"));
    Moderation op = notice(carol, ModerationAct.OP);
    assertEquals(List.of("#dev", "ann", "bob"), List.of(op.room(), op.by(), op.target()));
    notice(bob, ModerationAct.OP);

    notice(ann, ModerationAct.OP);
    bob.send(new Moderate(ModerationAct.KICK, "#dev", "carol", 0, "spam", false));
    Moderation kick = notice(carol, ModerationAct.KICK);
    assertEquals("spam", kick.reason());
    assertEquals("#dev", next(carol, Part.class).room());
    notice(ann, ModerationAct.KICK);

    ann.send(act(ModerationAct.DEOP, "#dev", "bob"));
    notice(bob, ModerationAct.KICK);
    notice(bob, ModerationAct.DEOP);
    bob.send(act(ModerationAct.KICK, "#dev", "ann"));
    error(bob, "not-permitted");
  }

  @Test
  void anOperatorMayNotKickTheOwnerNorAnotherOperator() throws Exception {
    WebSocketRecorder ann = roomsClient(chat, "ann", "#dev");
    WebSocketRecorder bob = roomsClient(chat, "bob", "#dev");
    roomsClient(chat, "carol", "#dev");
    ann.send(act(ModerationAct.OP, "#dev", "bob"));
    ann.send(act(ModerationAct.OP, "#dev", "carol"));
    notice(bob, ModerationAct.OP);
    notice(bob, ModerationAct.OP);
    bob.send(act(ModerationAct.KICK, "#dev", "ann"));
    error(bob, "not-permitted");
    bob.send(act(ModerationAct.KICK, "#dev", "carol"));
    error(bob, "not-permitted");
  }

  @Test
  void aRoleOfANameThatIsNoAccountsEndsWhenItsHolderLeavesTheRoom() throws Exception {
    WebSocketRecorder ann = roomsClient(chat, "ann", "#dev");
    WebSocketRecorder bob = roomsClient(chat, "bob", "#dev");
    ann.send(new dev.termchat.protocol.Part("#dev"));
    next(ann, Part.class);
    join(ann, "#dev");
    ann.send(act(ModerationAct.KICK, "#dev", "bob"));
    error(ann, "not-permitted");
    bob.send(act(ModerationAct.OP, "#dev", "ann"));
    error(bob, "not-permitted"); // bob did not become the owner by staying, either
  }

  @Test
  void aKickedBaseClientSeesItAsAnActionAndIsClosedWith4001() throws Exception {
    WebSocketRecorder root = chat.connectExtended();
    root.nextFrame(Welcome.class);
    root.send(new Register("root"));
    root.nextFrameAfterPresence(Register.class);
    WebSocketRecorder dave = chat.connect();
    ChatFixture.register(dave, "dave");
    WebSocketRecorder erin = chat.connect();
    ChatFixture.register(erin, "erin");

    root.send(new Moderate(ModerationAct.KICK, "#general", "dave", 0, "flooding", false));
    ChatMessage told = dave.nextMessage();
    assertEquals("root", told.from());
    assertEquals("* root kicked dave from #general: flooding", told.message());
    Closed closed = dave.nextCloseSkippingFrames();
    assertEquals(Wire.CLOSE_KICKED, closed.code(), closed.toString());
    assertEquals("kicked by root: flooding", closed.reason());
    assertEquals("* root kicked dave from #general: flooding", erin.nextMessage().message());
    assertEquals("kicked", notice(root, ModerationAct.KICK).described().substring(0, 6));
    erin.nextUsersExactly(List.of("root", "erin"));
  }

  @Test
  void inTheDefaultRoomOnlyServerOperatorsAndThoseTheyOpModerate() throws Exception {
    WebSocketRecorder eve = roomsClient(chat, "eve", "#general");
    WebSocketRecorder fay = roomsClient(chat, "fay", "#general");
    WebSocketRecorder root = roomsClient(chat, "root", "#general");
    eve.send(act(ModerationAct.KICK, "#general", "fay"));
    error(eve, "not-permitted");
    root.send(act(ModerationAct.OP, "#general", "eve"));
    notice(eve, ModerationAct.OP);
    notice(fay, ModerationAct.OP);
    eve.send(act(ModerationAct.KICK, "#general", "fay"));
    notice(fay, ModerationAct.KICK);
    assertEquals("#general", next(fay, Part.class).room());
    eve.send(act(ModerationAct.KICK, "#general", "root"));
    error(eve, "not-permitted");
    root.send(act(ModerationAct.KICK, "#general", "root"));
    assertTrue(error(root, "not-permitted").reason().contains("yourself"));
  }

  @Test
  void aServerBanOfARangeKeepsItsUserOutOnANewAddressInsideIt() throws Exception {
    WebSocketRecorder root = roomsClient(chat, "root", "#general");
    WebSocketRecorder mallory = baseFrom(chat.uri(), "127.0.0.2");
    ChatFixture.register(mallory, "mallory");

    root.send(new Moderate(ModerationAct.BAN, "#general", "127.0.0.0/30", 0, "spam", true));
    assertEquals("127.0.0.0/30", notice(root, ModerationAct.BAN).target());
    assertEquals(Wire.CLOSE_BANNED, mallory.nextCloseSkippingFrames().code());

    WebSocketRecorder again = baseFrom(chat.uri(), "127.0.0.3");
    again.send(new Register("someone-else"));
    Closed refused = again.nextCloseSkippingFrames();
    assertEquals(Wire.CLOSE_BANNED, refused.code(), refused.toString());

    WebSocketRecorder outside = baseFrom(chat.uri(), "127.0.0.9");
    assertEquals("walter", ChatFixture.register(outside, "walter"));
    root.send(new SendMessage("still here"));
    assertEquals("still here", next(root, ChatMessage.class).message());
  }

  @Test
  void aBanOfANameEndsWhenItsTimeIsUpAndCoversItsLookAlikes() throws Exception {
    WebSocketRecorder root = roomsClient(chat, "root", "#general");
    root.send(new Moderate(ModerationAct.BAN, "#general", "mallory", 60, "", true));
    Moderation ban = notice(root, ModerationAct.BAN);
    assertEquals(clock.millis() + 60_000, ban.until());

    WebSocketRecorder lookAlike = chat.connectExtended();
    lookAlike.nextFrame(Welcome.class);
    lookAlike.send(new Register("MaIlory".replace('I', 'l').toUpperCase()));
    String reason = error(lookAlike, "banned").reason();
    assertTrue(reason.contains("banned from this server until 2026-12-07 08:01 UTC"), reason);
    assertEquals(Wire.CLOSE_BANNED, lookAlike.nextCloseSkippingFrames().code());

    clock.advance(Duration.ofSeconds(61));
    WebSocketRecorder mallory = chat.connect();
    assertEquals("mallory", ChatFixture.register(mallory, "mallory"));
  }

  @Test
  void aBanOfTheDefaultRoomKeepsOutABaseClientWhichLivesThereAlone() throws Exception {
    WebSocketRecorder root = roomsClient(chat, "root", "#general");
    root.send(act(ModerationAct.BAN, "#general", "mallory"));
    notice(root, ModerationAct.BAN);
    WebSocketRecorder mallory = chat.connect();
    mallory.send(new Register("Mallory"));
    Closed closed = mallory.nextCloseSkippingFrames();
    assertEquals(Wire.CLOSE_BANNED, closed.code());
    assertEquals("you are banned from #general until the ban is lifted", closed.reason());
    WebSocketRecorder eve = chat.connectExtended();
    eve.nextFrame(Welcome.class);
    eve.send(new Register("eve"));
    eve.nextFrameAfterPresence(Register.class);
    eve.send(new dev.termchat.protocol.Nick("MALLORY"));
    error(eve, "banned");
    WebSocketRecorder roomsMallory = roomsClient(chat, "mallory", "#dev");
    roomsMallory.send(new dev.termchat.protocol.Join("#general"));
    error(roomsMallory, "banned");
  }

  @Test
  void aRoomBanKeepsARoomsClientOutOfThatRoomUntilUnbanned() throws Exception {
    WebSocketRecorder ann = roomsClient(chat, "ann", "#dev");
    WebSocketRecorder bob = roomsClient(chat, "bob", "#dev,#general");
    ann.send(new Moderate(ModerationAct.BAN, "#dev", "bob", 0, "", false));
    notice(bob, ModerationAct.BAN);
    assertEquals("#dev", next(bob, Part.class).room());
    bob.send(new dev.termchat.protocol.Join("#dev"));
    error(bob, "banned");
    bob.send(new SendMessage("in general still"));
    assertEquals("in general still", next(bob, ChatMessage.class).message());

    ann.send(new Moderate(ModerationAct.BAN, "#general", "bob", 0, "", true));
    error(ann, "not-permitted"); // the owner of a room is no server operator

    ann.send(act(ModerationAct.UNBAN, "#dev", "bob"));
    notice(ann, ModerationAct.UNBAN);
    join(bob, "#dev");
  }

  @Test
  void aMutedRoomHearsOnlyItsOperatorsAndTheVoicedAndItsTopicIsTheirs() throws Exception {
    WebSocketRecorder ann = roomsClient(chat, "ann", "#dev");
    WebSocketRecorder bob = roomsClient(chat, "bob", "#dev");
    WebSocketRecorder carol = roomsClient(chat, "carol", "#dev");
    ann.send(act(ModerationAct.MUTE, "#dev", null));
    notice(carol, ModerationAct.MUTE);
    carol.send(new SendMessage("hello?", "c1", "#dev"));
    assertEquals("c1", error(carol, "not-permitted").clientId());
    carol.send(new SetTopic("#dev", "mine now"));
    error(carol, "not-permitted");

    ann.send(act(ModerationAct.VOICE, "#dev", "bob"));
    notice(bob, ModerationAct.MUTE);
    notice(bob, ModerationAct.VOICE);
    notice(carol, ModerationAct.VOICE);
    bob.send(new SendMessage("I may", "b1", "#dev"));
    assertEquals("I may", next(carol, ChatMessage.class).message());

    ann.send(act(ModerationAct.UNMUTE, "#dev", null));
    notice(carol, ModerationAct.UNMUTE);
    carol.send(new SendMessage("now me", "c2", "#dev"));
    assertEquals("I may", next(ann, ChatMessage.class).message());
    assertEquals("now me", next(ann, ChatMessage.class).message());
  }

  @Test
  void aSenderDeletesItsOwnMessageAndAnOperatorAnyAndNoOneJoiningLaterSeesThem() throws Exception {
    WebSocketRecorder ann = roomsClient(chat, "ann", "#dev");
    WebSocketRecorder bob = roomsClient(chat, "bob", "#dev");
    WebSocketRecorder carol = roomsClient(chat, "carol", "#dev");
    bob.send(new SendMessage("oops, a password", "b1", "#dev"));
    String oops = next(carol, ChatMessage.class).id();
    carol.send(new SendMessage("hello", "c1", "#dev"));
    String hello = next(carol, ChatMessage.class).id();
    bob.send(new SendMessage("kept", "b2", "#dev"));
    assertEquals("kept", next(carol, ChatMessage.class).message());

    carol.send(act(ModerationAct.DELETE, "#dev", oops));
    error(carol, "not-permitted");
    bob.send(act(ModerationAct.DELETE, "#dev", oops));
    Moderation deleted = notice(carol, ModerationAct.DELETE);
    assertEquals(List.of("bob", oops), List.of(deleted.by(), deleted.target()));
    ann.send(act(ModerationAct.DELETE, "#dev", hello));
    assertEquals(hello, notice(carol, ModerationAct.DELETE).target());

    WebSocketRecorder dave = roomsClient(chat, "dave", "#dev");
    List<String> seen = new java.util.ArrayList<>();
    String marker = "after the history";
    ann.send(new SendMessage(marker, "a1", "#dev"));
    while (true) {
      ServerFrame frame = dave.nextServerFrame();
      ServerFrame inner = frame instanceof InRoom inRoom ? inRoom.frame() : frame;
      if (inner instanceof History history) {
        seen.add(history.entry().message());
      } else if (inner instanceof ChatMessage message && message.message().equals(marker)) {
        break;
      }
    }
    assertEquals(List.of("kept"), seen.stream().filter(text -> !text.isEmpty()).toList());
  }

  @Test
  void aBaseClientCannotModerate() throws Exception {
    WebSocketRecorder root = chat.connect();
    ChatFixture.register(root, "root");
    WebSocketRecorder bob = chat.connect();
    ChatFixture.register(bob, "bob");
    root.send(act(ModerationAct.KICK, "#general", "bob"));
    String marker = root.sayMarker();
    root.nextUsersNaming("bob");
    root.assertNoMoreEventsBefore(marker);
    registerRooms(chat.connectExtended(), "carol", "#general");
  }
}
