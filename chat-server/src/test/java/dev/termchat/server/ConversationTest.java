package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static dev.termchat.testing.ChatFixture.registerOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.History;
import dev.termchat.protocol.Nick;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.SendAction;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.SendPrivate;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
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
 * History, resume, private messages, actions and renames, over real sockets. The room's time is
 * a clock the test moves: a resume is never late however slow the machine, and the window ends
 * when the test says.
 */
class ConversationTest {
  private static final Duration WINDOW = Duration.ofSeconds(1);

  private final MovingClock clock = new MovingClock(Instant.parse("2026-11-29T12:00:00Z"));

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(clock, config -> config.historySize(5).resumeWindow(WINDOW));

  /** An extended client, registered; returns its register reply, which carries its token. */
  private Register join(WebSocketRecorder client, String name, String... options) throws InterruptedException {
    client.nextFrame(Welcome.class);
    client.send(new Register(name, List.of(options)));
    return client.nextFrameAfterPresence(Register.class);
  }

  private WebSocketRecorder extended() throws InterruptedException {
    return chat.connectExtended();
  }

  /** Says each line and waits for its echo, so that the server has them all in this order. */
  private static List<ChatMessage> say(WebSocketRecorder client, String... lines) throws InterruptedException {
    List<ChatMessage> echoes = new ArrayList<>();
    for (String line : lines) {
      client.send(new SendMessage(line));
      echoes.add(client.nextFrameAfterPresence(ChatMessage.class));
      assertEquals(line, echoes.get(echoes.size() - 1).message());
    }
    return echoes;
  }

  private static String token(Register reply) {
    return Options.value(reply.options(), Wire.OPTION_TOKEN).orElseThrow();
  }

  @Test
  void aClientThatJoinsGetsTheLatestMessagesMarkedAsHistoryBeforeLiveOnes() throws Exception {
    WebSocketRecorder alice = extended();
    join(alice, "alice");
    // Seven said, five kept.
    List<ChatMessage> said = say(alice, "1", "2", "3", "4", "5", "6", "7");

    WebSocketRecorder carol = extended();
    join(carol, "carol");
    for (int i = 2; i < 7; i++) {
      ChatMessage entry = carol.nextFrameAfterPresence(History.class).entry();
      assertEquals(said.get(i).message(), entry.message());
      assertEquals(said.get(i).id(), entry.id());
    }
    say(alice, "live");
    assertEquals("live", carol.nextFrameAfterPresence(ChatMessage.class).message());

    WebSocketRecorder dave = extended();
    join(dave, "dave", Options.of(Wire.OPTION_HISTORY, 0));
    say(alice, "after dave");
    assertEquals("after dave", dave.nextFrameAfterPresence(ChatMessage.class).message(), "no history when asked for none");
  }

  @Test
  void aClientWhoseConnectionDroppedGetsWhatItMissedExactlyOnceInOrderUnderItsOwnName() throws Exception {
    WebSocketRecorder alice = extended();
    join(alice, "alice");
    WebSocketRecorder bob = extended();
    String token = token(join(bob, "bob"));
    String lastSeen = say(alice, "before").get(0).id();
    assertEquals(lastSeen, bob.nextFrameAfterPresence(ChatMessage.class).id());

    bob.dropConnection(); // A reset, no close frame.
    say(alice, "m1", "m2", "m3");

    WebSocketRecorder back = extended();
    Register reply =
        join(back, "whoever", Options.of(Wire.OPTION_TOKEN, token), Options.of(Wire.OPTION_RESUME, lastSeen));
    assertEquals("bob", reply.name());
    assertEquals(new Resumed(true, 3), back.nextFrameAfterPresence(Resumed.class));
    for (String expected : List.of("m1", "m2", "m3")) {
      assertEquals(expected, back.nextFrameAfterPresence(ChatMessage.class).message());
    }
    say(alice, "live");
    assertEquals("live", back.nextFrameAfterPresence(ChatMessage.class).message(), "nothing twice");
  }

  @Test
  void aLineSentAgainAfterAReconnectUnderTheSameIdIsSaidOnce() throws Exception {
    WebSocketRecorder alice = extended();
    join(alice, "alice");
    WebSocketRecorder bob = extended();
    String token = token(join(bob, "bob"));
    bob.send(new SendMessage("only once", "c1"));
    assertEquals("only once", alice.nextFrameAfterPresence(ChatMessage.class).message());
    bob.dropConnection(); // before its echo was read

    WebSocketRecorder back = extended();
    join(back, "bob", Options.of(Wire.OPTION_TOKEN, token), Options.of(Wire.OPTION_HISTORY, 0));
    back.send(new SendMessage("only once", "c1"));
    ChatMessage echo = back.nextFrameAfterPresence(ChatMessage.class);
    assertEquals("c1", echo.clientId());
    back.send(new SendMessage("next", "c2"));
    assertEquals("next", alice.nextFrameAfterPresence(ChatMessage.class).message(), "the copy reached no one else");
  }

  @Test
  void aLineUnderTheIdOfAnEarlierPrivateOneIsRefusedNeitherSaidNorEchoed() throws Exception {
    WebSocketRecorder alice = extended();
    join(alice, "alice");
    WebSocketRecorder bob = extended();
    join(bob, "bob");
    alice.send(new SendPrivate("bob", "psst", "c1"));
    assertEquals("psst", alice.nextFrameAfterPresence(PrivateChat.class).message());
    alice.send(new SendMessage("for everyone", "c1"));
    ErrorReply refused = alice.nextFrameAfterPresence(ErrorReply.class);
    assertEquals(List.of(ErrorCode.INVALID_FRAME.wireName(), "c1"), List.of(refused.code(), refused.clientId()));
    alice.send(new SendMessage("after", "c2"));
    assertEquals("c2", alice.nextFrameAfterPresence(ChatMessage.class).clientId(), "no echo of the refused line");
    assertEquals("psst", bob.nextFrameAfterPresence(PrivateChat.class).message());
    assertEquals("after", bob.nextFrameAfterPresence(ChatMessage.class).message(), "the refused line reached no one");
  }

  @Test
  void aConnectionThatWentSilentIsReplacedByItsResumingClient() throws Exception {
    WebSocketRecorder bob = extended();
    String token = token(join(bob, "bob"));
    // The client believes the connection dead and comes back; the server has not noticed.
    WebSocketRecorder back = extended();
    assertEquals("bob", join(back, "bob", Options.of(Wire.OPTION_TOKEN, token)).name());
    assertEquals(Wire.CLOSE_RESUMED_ELSEWHERE, bob.nextCloseSkippingFrames().code());
  }

  @Test
  void whenTheHistoryNoLongerReachesBackTheClientIsToldOfTheGap() throws Exception {
    WebSocketRecorder alice = extended();
    join(alice, "alice");
    WebSocketRecorder bob = extended();
    String token = token(join(bob, "bob"));
    String lastSeen = say(alice, "seen").get(0).id();
    bob.dropConnection();
    say(alice, "1", "2", "3", "4", "5", "6");

    WebSocketRecorder back = extended();
    join(back, "bob", Options.of(Wire.OPTION_TOKEN, token), Options.of(Wire.OPTION_RESUME, lastSeen));
    // "1" is no longer kept: the gap is said, and those kept after the last one seen follow.
    assertEquals(new Resumed(false, 5), back.nextFrameAfterPresence(Resumed.class));
    for (String line : List.of("2", "3", "4", "5", "6")) {
      assertEquals(line, back.nextFrameAfterPresence(ChatMessage.class).message());
    }
  }

  @Test
  void theNameIsHeldForTheResumeWindowThenFree() throws Exception {
    WebSocketRecorder bob = extended();
    String token = token(join(bob, "bob"));
    bob.dropConnection();

    WebSocketRecorder impostor = chat.connect();
    assertEquals("bob-2", registerOnly(impostor, "bob"), "held for bob's session");
    impostor.nextUsersExactly(List.of("bob-2")); // Bob's leave is applied: his hold runs from now.

    clock.advance(WINDOW);
    assertNotEquals("bob", registerOnly(chat.connect(), "bob"), "held to the window's last millisecond");
    clock.advance(Duration.ofMillis(1));
    WebSocketRecorder later = chat.connect();
    assertEquals("bob", registerOnly(later, "bob"), "free after it");
    later.closeBlocking(); // On purpose: the name is not held for it.

    WebSocketRecorder tooLate = extended();
    tooLate.nextFrame(Welcome.class);
    tooLate.send(new Register("bob", List.of(Options.of(Wire.OPTION_TOKEN, token))));
    assertEquals(ErrorCode.INVALID_TOKEN.wireName(), tooLate.nextFrame(ErrorReply.class).code());
    assertEquals("bob", tooLate.nextFrameAfterPresence(Register.class).name(), "a new session under the free name");
  }

  @Test
  void aWrongOrStolenTokenReclaimsNothing() throws Exception {
    WebSocketRecorder bob = extended();
    String token = token(join(bob, "bob"));
    bob.dropConnection();

    String session = token.substring(0, token.indexOf('.'));
    for (String forged : List.of(session + ".wrongsecret", "garbage", session)) {
      WebSocketRecorder mallory = extended();
      mallory.nextFrame(Welcome.class);
      mallory.send(new Register("bob", List.of(Options.of(Wire.OPTION_TOKEN, forged))));
      assertEquals(ErrorCode.INVALID_TOKEN.wireName(), mallory.nextFrame(ErrorReply.class).code(), forged);
      assertEquals("bob-2", mallory.nextFrameAfterPresence(Register.class).name(), forged);
      mallory.closeBlocking(); // On purpose, with a close frame: bob-2 is not held for mallory.
    }

    // A token seen once on the wire is worth nothing after its owner used it.
    WebSocketRecorder back = extended();
    assertEquals("bob", join(back, "bob", Options.of(Wire.OPTION_TOKEN, token)).name());
    back.dropConnection();
    WebSocketRecorder replay = extended();
    replay.nextFrame(Welcome.class);
    replay.send(new Register("bob", List.of(Options.of(Wire.OPTION_TOKEN, token))));
    assertEquals(ErrorCode.INVALID_TOKEN.wireName(), replay.nextFrame(ErrorReply.class).code());
  }

  @Test
  void aPrivateMessageReachesItsRecipientAndSenderOnly() throws Exception {
    WebSocketRecorder alice = extended();
    join(alice, "alice");
    WebSocketRecorder bob = extended();
    join(bob, "bob");
    WebSocketRecorder carol = extended();
    join(carol, "carol");
    WebSocketRecorder yew = chat.connect();
    register(yew, "yew");

    alice.send(new SendPrivate("BOB", "psst", "c1"));
    PrivateChat received = bob.nextFrameAfterPresence(PrivateChat.class);
    assertEquals(List.of("alice", "bob", "psst"), List.of(received.from(), received.to(), received.message()));
    PrivateChat echo = alice.nextFrameAfterPresence(PrivateChat.class);
    assertEquals("c1", echo.clientId());

    alice.send(new SendPrivate("yew", "can you see this?", null));
    assertEquals(ErrorCode.CANNOT_RECEIVE.wireName(), alice.nextFrameAfterPresence(ErrorReply.class).code());
    alice.send(new SendPrivate("nobody", "hello?", null));
    assertEquals(ErrorCode.UNKNOWN_USER.wireName(), alice.nextFrameAfterPresence(ErrorReply.class).code());

    say(alice, "public");
    assertEquals("public", carol.nextFrameAfterPresence(ChatMessage.class).message(), "carol saw nothing private");
    assertEquals("public", yew.nextFrameAfterPresence(ChatMessage.class).message(), "yew saw nothing private");
  }

  @Test
  void actionsAndRenamesAreSeenByExtendedAndBaseClients() throws Exception {
    WebSocketRecorder alice = extended();
    join(alice, "alice");
    WebSocketRecorder bob = extended();
    join(bob, "bob");
    WebSocketRecorder yew = chat.connect();
    register(yew, "yew");

    alice.send(new SendAction("waves", null));
    ChatMessage action = bob.nextFrameAfterPresence(ChatMessage.class);
    assertTrue(action.action());
    assertEquals("waves", action.message());
    ChatMessage asText = yew.nextFrameAfterPresence(ChatMessage.class);
    assertFalse(asText.action());
    assertEquals("* alice waves", asText.message());
    assertTrue(alice.nextFrameAfterPresence(ChatMessage.class).action(), "its echo");

    alice.send(new Nick("alicia"));
    assertEquals("alicia", alice.nextFrameAfterPresence(Register.class).name());
    assertEquals(new Renamed("alice", "alicia"), nextRenamed(bob));
    assertFalse(yew.nextUsersNaming("alicia").names().contains("alice"));

    bob.send(new Nick("alicia"));
    assertEquals("alicia-2", bob.nextFrameAfterPresence(Register.class).name(), "clashes as at register");
  }

  @Test
  void aPlainTextClientMayStartWithALineThatHappensToBeJson() throws Exception {
    WebSocketRecorder plain = chat.connect();
    plain.send("42");
    assertTrue(plain.nextText().matches("From guest-\\d+ \\(127\\.0\\.0\\.1:\\d+\\): 42"));
    plain.send("{\"messageType\":\"message\",\"data\":\"json, as text\"}");
    assertTrue(plain.nextText().endsWith(": {\"messageType\":\"message\",\"data\":\"json, as text\"}"));
  }

  private static Renamed nextRenamed(WebSocketRecorder client) throws InterruptedException {
    while (true) {
      if (client.nextServerFrame() instanceof Renamed renamed) {
        return renamed;
      }
    }
  }

}
