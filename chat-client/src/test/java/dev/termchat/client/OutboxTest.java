package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.client.OutgoingLine.Kind;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendAction;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.SendPrivate;
import dev.termchat.protocol.Wire;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What becomes of each line typed. */
class OutboxTest {
  /** No limit on the lines in flight but the outbox's own. */
  private static final int ANY = Integer.MAX_VALUE;

  private final Outbox outbox = new Outbox();

  @Test
  void linesGoOutInOrderAndAreSettledOnceEachHasAnOutcome() {
    outbox.add(Kind.MESSAGE, null, "one");
    outbox.add(Kind.MESSAGE, null, "two");
    outbox.add(Kind.MESSAGE, null, "three");
    assertEquals("one", outbox.takeNext().text());
    assertEquals("two", outbox.takeNext().text());
    assertFalse(outbox.settled());
    assertTrue(outbox.echoed(null));
    outbox.refused(null);
    assertFalse(outbox.settled(), "three has not gone out");
    assertEquals("three", outbox.takeNext().text());
    assertTrue(outbox.echoed(null));
    assertTrue(outbox.settled());
    assertEquals(new DeliveryReport(3, 2, 1, 0, 0, 0, 0, 0), outbox.report());
    assertEquals(1, outbox.report().undelivered());
  }

  @Test
  void eachLineHasItsOwnIdAndAnEchoSettlesTheLineItNames() {
    outbox.add(Kind.MESSAGE, null, "one");
    outbox.add(Kind.PRIVATE, "bob", "two");
    OutgoingLine one = outbox.takeNext();
    OutgoingLine two = outbox.takeNext();
    assertEquals(new SendMessage("one", "c1"), one.frame(true));
    assertEquals(new SendPrivate("bob", "two", "c2"), two.frame(true));
    assertEquals(new SendMessage("one", null), one.frame(false));
    assertTrue(outbox.echoed("c2"));
    assertFalse(outbox.echoed("c2"), "settled already");
    assertFalse(outbox.echoed("c9"), "never sent");
    assertTrue(outbox.echoed("c1"));
    assertTrue(outbox.settled());
  }

  @Test
  void aServerWithoutActionsGetsAnActionAsTextAndOneWithoutPrivateMessagesNoneAtAll() {
    OutgoingLine action = new OutgoingLine(1, Kind.ACTION, null, "waves");
    OutgoingLine whisper = new OutgoingLine(2, Kind.PRIVATE, "bob", "psst");
    Set<String> all = Set.of(Wire.CAPABILITY_ACTIONS, Wire.CAPABILITY_PRIVATE, Wire.CAPABILITY_IDS);
    assertEquals(Optional.of(new SendAction("waves", "c1")), action.frameFor(all, "ann"));
    assertEquals(Optional.of(new SendPrivate("bob", "psst", "c2")), whisper.frameFor(all, "ann"));
    assertEquals(
        Optional.of(new SendMessage(ChatMessage.actionText("ann", "waves"), null)), action.frameFor(Set.of(), "ann"));
    assertEquals(Optional.empty(), whisper.frameFor(Set.of(), "ann"));
  }

  @Test
  void toAServerThatCannotResumeWhatWasInFlightWhenTheConnectionDroppedIsUnconfirmed() {
    outbox.add(Kind.MESSAGE, null, "one");
    outbox.add(Kind.MESSAGE, null, "two");
    outbox.takeNext();
    assertEquals(1, outbox.connectionLost(false));
    assertTrue(outbox.hasWaiting());
    assertEquals(new DeliveryReport(2, 0, 0, 1, 0, 1, 0, 0), outbox.report());
  }

  @Test
  void toAServerThatResumesWhatWasInFlightGoesAgainFirstUnderTheSameIds() {
    outbox.add(Kind.MESSAGE, null, "one");
    outbox.add(Kind.MESSAGE, null, "two");
    outbox.add(Kind.MESSAGE, null, "three");
    outbox.takeNext();
    outbox.takeNext();
    assertEquals(2, outbox.connectionLost(true));
    assertEquals(new DeliveryReport(3, 0, 0, 0, 0, 3, 0, 0), outbox.report());
    assertEquals("c1", outbox.takeNext().clientId());
    assertEquals("c2", outbox.takeNext().clientId());
    assertEquals("c3", outbox.takeNext().clientId());
  }

  @Test
  void anEchoReplayedAfterAReconnectSettlesALineStillWaitingToGoAgain() {
    outbox.add(Kind.MESSAGE, null, "one");
    outbox.takeNext();
    outbox.connectionLost(true);
    assertTrue(outbox.echoed("c1"), "the server had it: it came back among the missed messages");
    assertTrue(outbox.settled());
  }

  @Test
  void linesTheServerCouldNotTakeJustThenGoAgainInOrderBeforeNewOnes() {
    outbox.add(Kind.MESSAGE, null, "one");
    outbox.add(Kind.MESSAGE, null, "two");
    outbox.add(Kind.MESSAGE, null, "three");
    outbox.takeNext();
    outbox.takeNext();
    assertTrue(outbox.unavailable(null));
    assertTrue(outbox.unavailable(null));
    assertFalse(outbox.unavailable(null), "nothing left in flight");
    assertTrue(outbox.nextIsRetry());
    assertEquals(new DeliveryReport(3, 0, 0, 0, 0, 3, 0, 0), outbox.report(), "not refused: still to send");
    assertEquals("one", outbox.takeNext().text());
    assertTrue(outbox.echoed(null));
    assertEquals("two", outbox.takeNext().text());
    assertFalse(outbox.nextIsRetry());
    assertEquals("three", outbox.takeNext().text());
  }

  @Test
  void whileTheServerCannotTakeLinesOneGoesAtATimeUntilItTakesOneAgain() {
    for (String text : new String[] {"one", "two", "three", "four"}) {
      outbox.add(Kind.MESSAGE, null, text);
    }
    OutgoingLine one = outbox.takeNext();
    OutgoingLine two = outbox.takeNext();
    assertTrue(outbox.mayTakeNext(ANY), "lines go out together while the server takes them");
    assertTrue(outbox.unavailable(one.clientId()));
    assertFalse(outbox.mayTakeNext(ANY), "two's answer first: were it refused too, three must not overtake it");
    assertTrue(outbox.unavailable(two.clientId()));
    assertTrue(outbox.mayTakeNext(ANY));
    assertEquals("one", outbox.takeNext().text());
    assertFalse(outbox.mayTakeNext(ANY), "one at a time until the server takes one");
    assertTrue(outbox.echoed(one.clientId()));
    assertTrue(outbox.mayTakeNext(ANY));
    assertEquals("two", outbox.takeNext().text());
    assertTrue(outbox.mayTakeNext(ANY), "taking lines again: no more holding back");
    assertEquals("three", outbox.takeNext().text());
  }

  @Test
  void noMoreThanTheLimitGoWithoutTheirAnswerAndEachAnswerLetsOneMoreGo() {
    for (String text : new String[] {"one", "two", "three", "four"}) {
      outbox.add(Kind.MESSAGE, null, text);
    }
    OutgoingLine one = outbox.takeNext();
    outbox.takeNext();
    assertFalse(outbox.mayTakeNext(2), "two lines without their echo");
    assertTrue(outbox.echoed(one.clientId()));
    assertTrue(outbox.mayTakeNext(2));
    outbox.takeNext();
    assertFalse(outbox.mayTakeNext(2));
    outbox.refused(null);
    assertTrue(outbox.mayTakeNext(2), "a refusal is an answer too");
    outbox.takeNext();
    assertFalse(outbox.mayTakeNext(2));
    outbox.connectionLost(true);
    assertTrue(outbox.mayTakeNext(2), "a new connection starts with none in flight");
  }

  @Test
  void aLineRefusedASecondTimeKeepsItsPlaceAheadOfTheLinesTypedAfterIt() {
    for (String text : new String[] {"one", "two", "three"}) {
      outbox.add(Kind.MESSAGE, null, text);
    }
    // All three sent before the first answer comes back: the server cannot take any of them.
    OutgoingLine[] sent = {outbox.takeNext(), outbox.takeNext(), outbox.takeNext()};
    for (OutgoingLine line : sent) {
      outbox.unavailable(line.clientId());
    }
    // A long outage: the first line goes again and is refused again, more than once.
    for (int round = 0; round < 3; round++) {
      OutgoingLine again = outbox.takeNext();
      assertEquals("one", again.text(), "round " + round);
      outbox.unavailable(again.clientId());
    }
    outbox.add(Kind.MESSAGE, null, "four");
    StringBuilder order = new StringBuilder();
    while (outbox.hasWaiting()) {
      OutgoingLine line = outbox.takeNext();
      order.append(line.text()).append(' ');
      assertTrue(outbox.echoed(line.clientId()));
    }
    assertEquals("one two three four ", order.toString());
  }

  @Test
  void anAnswerThatNamesItsLineMayOvertakeTheEchoesOfEarlierOnes() {
    outbox.add(Kind.MESSAGE, null, "one");
    outbox.add(Kind.MESSAGE, null, "two");
    outbox.add(Kind.MESSAGE, null, "three");
    OutgoingLine one = outbox.takeNext();
    OutgoingLine two = outbox.takeNext();
    OutgoingLine three = outbox.takeNext();
    outbox.unavailable(two.clientId());
    outbox.refused(three.clientId());
    assertTrue(outbox.echoed(one.clientId()), "one was still in flight");
    assertEquals("two", outbox.takeNext().text(), "two goes again; three is given up");
    assertTrue(outbox.echoed(two.clientId()));
    assertEquals(new DeliveryReport(3, 2, 1, 0, 0, 0, 0, 0), outbox.report());
    assertTrue(outbox.settled());
  }

  @Test
  void aLineTooLongToSendIsTypedButNeverDelivered() {
    outbox.tooLong();
    assertTrue(outbox.settled());
    assertEquals(1, outbox.report().undelivered());
  }

  @Test
  void aLineThatCannotBeSentIsGivenUpAsRefused() {
    outbox.add(Kind.PRIVATE, "bob", "psst");
    outbox.unsendable();
    assertTrue(outbox.settled());
    assertEquals(new DeliveryReport(1, 0, 1, 0, 0, 0, 0, 0), outbox.report());
  }

  @Test
  void anEchoOrRefusalWithNothingInFlightCountsForNothing() {
    assertFalse(outbox.echoed(null));
    outbox.refused(null);
    assertEquals(new DeliveryReport(0, 0, 0, 0, 0, 0, 0, 0), outbox.report());
  }

  @Test
  void theReportReadsAsOneLine() {
    assertEquals(
        "5 of 11 lines not delivered: 1 too long to send, 1 refused by the server, "
            + "1 not confirmed by the server before the connection ended, 1 never sent, for want of a connection, "
            + "1 typed while too many already waited for a connection",
        new DeliveryReport(11, 6, 1, 1, 0, 1, 1, 1).wentAstray());
    assertEquals(
        "3 lines not delivered when you left: 2 still to send, 1 sent but not yet confirmed by the server",
        new DeliveryReport(9, 4, 2, 0, 1, 2, 0, 0).stillOnItsWay());
  }
}
