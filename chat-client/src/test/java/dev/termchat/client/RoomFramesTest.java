package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.ListRooms;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Room frames on their own: a pace the test sets, and a clock the test moves. */
class RoomFramesTest {
  private final ManualClock clock = new ManualClock();
  private final List<ClientFrame> sent = new ArrayList<>();
  // 10 a second and a burst of 4 at the server: 9 a second here, 2 at once, as for lines.
  private final Pace pace = new Pace(10, 4, clock.nanoTime());
  /** How often the frames that waited were all sent: the lines behind them may go then. */
  private int allSent;
  private final RoomFrames frames = new RoomFrames(clock, () -> pace, sent::add, () -> allSent++);

  @Test
  void linesBehindWaitingFramesAreToldWhenTheLastOfThemGoes() {
    for (int i = 1; i <= 3; i++) {
      frames.send(new Join("#r" + i));
    }
    assertEquals(true, frames.waiting());
    int before = allSent;
    clock.advance(Duration.ofMillis(100));
    assertEquals(true, frames.waiting());
    assertEquals(before, allSent);
    clock.advance(Duration.ofMillis(12));
    assertEquals(false, frames.waiting());
    assertEquals(before + 1, allSent);
  }

  @Test
  void joinsPastTheBurstGoAtThePaceAsTheClockMoves() {
    for (int i = 1; i <= 4; i++) {
      frames.send(new Join("#r" + i));
    }
    assertEquals(List.of(new Join("#r1"), new Join("#r2")), sent);
    clock.advance(Duration.ofMillis(100));
    assertEquals(2, sent.size(), "a ninth of a second per frame");
    clock.advance(Duration.ofMillis(12));
    assertEquals(3, sent.size());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(4, sent.size());
  }

  @Test
  void anErrorRefusesTheOldestJoinUnansweredAndAJoinReplyAnswersItsOwn() {
    frames.send(new Join("#a"));
    frames.send(new Join("#B"));
    frames.entered("#b");
    assertEquals(Optional.of("#a"), frames.refused());
    assertEquals(Optional.empty(), frames.refused());
  }

  @Test
  void whatWaitedForTheLastConnectionIsForgottenOnTheNext() {
    for (int i = 1; i <= 3; i++) {
      frames.send(new Join("#r" + i));
    }
    frames.opened();
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, sent.size());
    assertEquals(Optional.empty(), frames.refused());
  }

  /** Piped input waits for the answers to /list, /whois and /banlist; not for acts such as /kick. */
  @Test
  void questionsArePendingFromTheirSendingUntilTheirAnswers() {
    frames.send(new Moderate(ModerationAct.KICK, "#r", "bob", 0, "", false));
    assertEquals(false, frames.questionsPending(), "an act is no question");
    frames.send(new ListRooms());
    frames.send(new Moderate(ModerationAct.WHOIS, "#r", "bob", 0, "", false));
    assertEquals(2, sent.size(), "the whois waits for the pace");
    assertEquals(true, frames.questionsPending());
    assertEquals(true, frames.questionAnswered(), "the rooms came");
    assertEquals(true, frames.questionsPending(), "the whois still waits to go");
    clock.advance(Duration.ofMillis(112));
    assertEquals(3, sent.size());
    assertEquals(true, frames.questionsPending());
    assertEquals(true, frames.questionAnswered(), "refused, say: no such user");
    assertEquals(false, frames.questionsPending());
    assertEquals(false, frames.questionAnswered(), "an error with none out is not one's answer");
  }

  /**
   * On a new connection frames wait until the session is in: a login at the join may yet be
   * refused, and a piped /topic went out under the guest name before (the re-trial).
   */
  @Test
  void onANewConnectionFramesWaitUntilTheSessionIsIn() {
    frames.opened();
    frames.send(new ListRooms());
    assertEquals(List.of(), sent);
    assertEquals(true, frames.questionsPending());
    frames.release();
    assertEquals(List.of(new ListRooms()), sent);
  }
}
