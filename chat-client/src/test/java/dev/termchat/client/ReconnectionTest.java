package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.Test;

/** Reconnecting on its own: connections the test opens and drops, and a clock the test moves. */
class ReconnectionTest {
  private static final URI FIRST = URI.create("ws://first.example:8080");
  private static final URI SECOND = URI.create("ws://second.example:8080");

  private final FakeSession session = new FakeSession("alice", FIRST, SECOND);

  private void joined() {
    session.start();
    session.open();
    session.receive(new Users(List.of("alice")));
  }

  @Test
  void aLostConnectionIsTriedAgainAfterTheBackoffOnItsOwnServerThenOnTheNext() throws Exception {
    joined();
    session.drop(CloseFrame.GOING_AWAY, "server shutting down");
    session.view.await("lost ");
    assertEquals("reconnecting 1", session.view.await("reconnecting"));
    assertEquals(1, session.links.dialed().size(), "no attempt before the backoff");

    session.clock.advance(Duration.ofSeconds(1)); // The first round waits 0.5 to 1 s.
    assertEquals(FIRST, session.links.last().server, "first back to the server lost: it may only have blinked");
    assertTrue(session.links.last().connecting);
    session.view.await("info trying " + FIRST);

    session.drop(CloseFrame.ABNORMAL_CLOSE, "");
    assertTrue(session.view.await("reconnecting 2").startsWith("reconnecting 2: "), "said why");
    session.clock.advance(Duration.ofSeconds(2));
    assertEquals(SECOND, session.links.last().server);
    session.open();
    session.receive(new Users(List.of("alice")));
    session.view.await("reconnected alice");
  }

  /**
   * A server that takes the session in and drops it at once (a hostile one sent a frame past the
   * client's limit) is retried ever less often; one the session stayed on for a while starts the
   * waits over.
   */
  @Test
  void aServerThatDropsTheSessionRightAfterTakingItInIsRetriedEverLessOften() throws Exception {
    joined();
    session.drop(CloseFrame.TOOBIG, "Payload limit reached.");
    assertTrue(session.view.await("lost ").contains("more than the client takes"));
    session.view.await("reconnecting 1");
    session.clock.advance(Duration.ofSeconds(1));
    session.open();
    session.receive(new Users(List.of("alice")));
    session.view.await("reconnected alice");
    session.drop(CloseFrame.TOOBIG, "Payload limit reached.");
    session.view.await("reconnecting 2");
    session.clock.advance(Duration.ofSeconds(2));
    session.open();
    session.receive(new Users(List.of("alice")));
    session.view.await("reconnected alice");

    session.clock.advance(Duration.ofSeconds(10));
    session.drop(CloseFrame.GOING_AWAY, "server shutting down");
    session.view.await("reconnecting 1");
  }

  @Test
  void anAttemptWhoseHandshakeHasNoAnswerIsGivenUpAfterTheConnectTimeout() throws Exception {
    joined();
    session.drop(CloseFrame.ABNORMAL_CLOSE, "");
    session.clock.advance(Duration.ofSeconds(1));
    FakeLinks.Link attempt = session.links.last();
    session.clock.advance(Duration.ofSeconds(5));
    assertNull(attempt.closedBy, "the connect timeout, and a second more for the handshake");
    session.clock.advance(Duration.ofSeconds(1));
    assertEquals("dropped " + CloseFrame.ABNORMAL_CLOSE + " no answer within 5 s", attempt.closedBy);
    session.drop(CloseFrame.ABNORMAL_CLOSE, "no answer within 5 s");
    session.view.await("reconnecting 2");
  }

  @Test
  void whileWaitingTheCountdownSaysEverySecondHowLongIsLeft() throws Exception {
    FakeSession patient = new FakeSession("bob", new Backoff(Duration.ofSeconds(8), Duration.ofSeconds(9), new Random(1)), FIRST);
    patient.start();
    patient.open();
    patient.receive(new Users(List.of("bob")));
    patient.drop(CloseFrame.GOING_AWAY, "server shutting down");
    patient.view.await("reconnecting 1");
    patient.clock.advance(Duration.ofSeconds(1));
    String first = patient.view.await("still 1 in ");
    patient.clock.advance(Duration.ofSeconds(1));
    String second = patient.view.await("still 1 in ");
    int left = Integer.parseInt(first.split(" ")[3]);
    assertTrue(left >= 2, first);
    assertEquals("still 1 in " + left + " s, lost 1 s ago", first);
    assertEquals("still 1 in " + (left - 1) + " s, lost 2 s ago", second);
  }

  @Test
  void reconnectNowTriesAtOnceAndSaysSoWhenThereIsNothingToDo() throws Exception {
    joined();
    session.parts.reconnection.reconnectNow();
    session.view.await("info already connected");
    session.drop(CloseFrame.GOING_AWAY, "server shutting down");
    session.parts.reconnection.reconnectNow();
    session.view.await("info reconnecting now");
    session.clock.runDue();
    assertEquals(2, session.links.dialed().size());
    session.parts.reconnection.reconnectNow();
    session.view.await("info already connecting");
  }

  @Test
  void aRegisterTheServerTurnsAwayIsAnAttemptThatFailedAndTheNextServerIsTried() throws Exception {
    session.start();
    session.open();
    session.receive(
        new Welcome(Wire.SUBPROTOCOL, List.of(Wire.CAPABILITY_ERRORS)),
        ErrorReply.of(ErrorCode.UNAVAILABLE, "the cluster's log is out of reach; connect again in a moment"));
    session.drop(CloseFrame.TRY_AGAIN_LATER, "unavailable");
    assertEquals(
        "reconnecting 1: the server cannot take you in just now (the cluster's log is out of reach) (never joined)",
        session.view.await("reconnecting"));
    assertTrue(session.view.all().stream().noneMatch(event -> event.startsWith("lost")), "never in, so never lost");
    session.clock.advance(Duration.ofSeconds(1));
    assertEquals(SECOND, session.links.last().server);
  }

  @Test
  void aCloseAskedForIsToldWhenItsConnectionEndsAndNoAttemptFollows() throws Exception {
    joined();
    assertEquals(session.links.last(), session.parts.reconnection.close());
    session.drop(CloseFrame.NORMAL, "bye");
    assertTrue(session.closedForGood);
    session.clock.advance(Duration.ofMinutes(1));
    assertEquals(1, session.links.dialed().size());
    assertTrue(session.view.all().stream().noneMatch(event -> event.startsWith("reconnecting")), session.view.all().toString());
  }
}
