package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.History;
import dev.termchat.protocol.Nick;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.Test;

/** Reading server frames on its own: the test plays the server, frame by frame. */
class ServerFramesTest {
  private static final URI SERVER = URI.create("ws://chat.example:8080");
  private static final Welcome RESUMING =
      new Welcome(
          Wire.SUBPROTOCOL,
          List.of(Wire.CAPABILITY_RESUME, Wire.CAPABILITY_HISTORY, Wire.CAPABILITY_IDS, Wire.CAPABILITY_PRESENCE));

  private final FakeSession session = new FakeSession("alice", SERVER);

  private static ChatMessage message(String from, String text, String id) {
    return new ChatMessage(false, from, text, 0, "127.0.0.1:1", id, null);
  }

  @Test
  void aBaseServersFirstListOfWhoIsOnlineIsTheJoinAndLaterListsAreJoinsAndLeaves() throws Exception {
    session.start();
    FakeLinks.Link link = session.open();
    // Rooms are asked for of every server: a base one ignores the option.
    assertEquals(new Register("alice", List.of("rooms=#general")), link.sent.get(0), "the register goes first");
    session.receive(new Users(List.of("alice", "bob")));
    assertEquals(List.of("connected alice", "users [alice, bob]"), session.view.all());
    assertEquals(1, session.usersShown);
    session.receive(new Users(List.of("alice", "carol")));
    assertEquals(List.of("left bob", "joined carol"), session.view.all().subList(2, 4));
  }

  @Test
  void aSessionInNoRoomIsInOnceRegistered() throws Exception {
    FakeSession nowhere = new FakeSession("dave", List.of(), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), new Random(1)), SERVER);
    nowhere.start();
    nowhere.open();
    nowhere.receive(new Welcome(Wire.SUBPROTOCOL, List.of(Wire.CAPABILITY_ROOMS)), new Register("dave", List.of()));
    // No list of members will come to wait for: starting goes on at once.
    assertEquals(1, nowhere.usersShown);
  }

  @Test
  void aNameOtherThanTheOneAskedForIsSaidWithWhyOnceWhoIsOnlineIsKnown() throws Exception {
    session.start();
    session.open();
    session.receive(new Welcome(Wire.SUBPROTOCOL, List.of(Wire.CAPABILITY_PRESENCE)), new Register("alice-2", List.of()));
    assertEquals(List.of(), session.view.all(), "why comes with who is online");
    session.receive(new Users(List.of("alice", "alice-2")));
    assertEquals("connected alice-2 (alice is taken)", session.view.await("connected"));
    session.receive(new Presence(true, List.of("bob")), new Users(List.of("alice", "alice-2", "bob")));
    assertEquals(List.of("connected alice-2 (alice is taken)", "users [alice, alice-2]", "joined bob"), session.view.all());
  }

  @Test
  void aReconnectionResumesAfterTheLastMessageShownAndLinesTypedMeanwhileFollowWhatWasMissed() throws Exception {
    session.start();
    session.open();
    session.receive(
        RESUMING,
        new Register("alice", List.of(Options.of(Wire.OPTION_TOKEN, "t1"), Options.of(Wire.OPTION_JOINED_AT, "5"))),
        new Users(List.of("alice", "bob")),
        message("bob", "before the drop", "7"));
    session.drop(CloseFrame.ABNORMAL_CLOSE, "");
    session.parts.lines.offer(OutgoingLine.Kind.MESSAGE, null, "typed while away");
    session.clock.advance(Duration.ofSeconds(1));

    FakeLinks.Link again = session.open();
    assertEquals(
        new Register("alice", List.of(Options.of(Wire.OPTION_TOKEN, "t1"), Options.of(Wire.OPTION_RESUME, "7"), "rooms=#general")),
        again.sent.get(0));
    session.receive(RESUMING, new Register("alice", List.of(Options.of(Wire.OPTION_TOKEN, "t2"))), new Users(List.of("alice", "bob")));
    assertFalse(session.parts.ready(), "what was missed is still to come");
    session.receive(new Resumed(true, 2), message("bob", "before the drop", "7"));
    assertEquals(1, again.sent.size(), "the line waits until what it may answer is shown");
    session.receive(message("bob", "while away", "8"));
    assertTrue(session.parts.ready());
    assertEquals("typed while away", ((SendMessage) again.sent.get(1)).text());

    List<String> shown = session.view.all().stream().filter(event -> event.startsWith("message")).toList();
    assertEquals(List.of("message bob: before the drop", "message bob: while away"), shown, "none shown twice");
  }

  /** A login renews the session's token (the one before resumes nothing): a drop comes back with the new one. */
  @Test
  void aReconnectionAfterALoginResumesWithTheTokenTheLoginGave() throws Exception {
    session.start();
    session.open();
    session.receive(
        RESUMING,
        new Register("alice-2", List.of(Options.of(Wire.OPTION_TOKEN, "before"), Options.of(Wire.OPTION_JOINED_AT, "5"))),
        new Users(List.of("alice-2", "bob")),
        new AccountReply(AccountRequest.LOGIN, "alice", "after"));
    session.drop(CloseFrame.ABNORMAL_CLOSE, "");
    session.clock.advance(Duration.ofSeconds(1));

    FakeLinks.Link again = session.open();
    Register resume = (Register) again.sent.get(0);
    assertEquals("after", Options.value(resume.options(), Wire.OPTION_TOKEN).orElse(null), resume.toString());
  }

  @Test
  void historyIsShownOnceEvenWhenItAlsoComesAsAMessage() throws Exception {
    session.start();
    session.open();
    session.receive(RESUMING, new Register("alice", List.of()), new History(message("bob", "earlier", "3")));
    session.receive(message("bob", "earlier", "3"), new Users(List.of("alice", "bob")));
    assertEquals(List.of("connected alice", "history bob: earlier", "users [alice, bob]"), session.view.all());
  }

  @Test
  void aNickIsAskedOnlyOfAServerThatRenamesAndItsAnswerSaysWhyNotTheNameAskedFor() throws Exception {
    session.start();
    FakeLinks.Link link = session.open();
    session.receive(new Welcome(Wire.SUBPROTOCOL, List.of()), new Register("alice", List.of()), new Users(List.of("alice", "bob")));
    session.parts.frames.nick("carol", true);
    assertEquals("info this server cannot rename; reconnect under the new name instead", session.view.await("info"));
    session.parts.frames.nick("alice", true);
    assertEquals("info you are already alice", session.view.await("info"));

    session.drop(CloseFrame.ABNORMAL_CLOSE, "");
    session.clock.advance(Duration.ofSeconds(1));
    link = session.open();
    session.receive(
        new Welcome(Wire.SUBPROTOCOL, List.of(Wire.CAPABILITY_NICK)),
        new Register("alice", List.of()),
        new Users(List.of("alice", "bob")));
    session.parts.frames.nick("bob", true);
    assertEquals(new Nick("bob"), link.sent.get(link.sent.size() - 1));
    session.receive(new Register("bob-2", List.of()));
    assertEquals("renamed alice bob-2 (self) (bob is taken)", session.view.await("renamed"));
  }
}
