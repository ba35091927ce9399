package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What becomes of each line typed. */
class OutboxTest {
  private final Outbox outbox = new Outbox();

  @Test
  void linesGoOutInOrderAndAreSettledOnceEachHasAnOutcome() {
    outbox.add("one");
    outbox.add("two");
    outbox.add("three");
    assertEquals("one", outbox.takeNext());
    assertEquals("two", outbox.takeNext());
    assertFalse(outbox.settled());
    outbox.echoed();
    outbox.refused();
    assertFalse(outbox.settled(), "three has not gone out");
    assertEquals("three", outbox.takeNext());
    outbox.echoed();
    assertTrue(outbox.settled());
    assertEquals(new Outbox.Report(3, 2, 1, 0, 0, 0), outbox.report());
    assertEquals(1, outbox.report().undelivered());
  }

  @Test
  void whatWasInFlightWhenTheConnectionDroppedIsUnconfirmedAndTheRestWaits() {
    outbox.add("one");
    outbox.add("two");
    outbox.takeNext();
    outbox.connectionLost();
    assertTrue(outbox.hasWaiting());
    assertEquals(new Outbox.Report(2, 0, 0, 1, 1, 0), outbox.report());
  }

  @Test
  void aLineTooLongToSendIsTypedButNeverDelivered() {
    outbox.tooLong();
    assertTrue(outbox.settled());
    assertEquals(1, outbox.report().undelivered());
  }

  @Test
  void anEchoOrRefusalWithNothingInFlightCountsForNothing() {
    outbox.echoed();
    outbox.refused();
    assertEquals(new Outbox.Report(0, 0, 0, 0, 0, 0), outbox.report());
  }

  @Test
  void theReportReadsAsOneLine() {
    assertEquals(
        "4 of 10 lines not delivered: 1 too long to send, 1 refused by the server, "
            + "1 not confirmed by the server before the connection ended, 1 never sent, for want of a connection",
        ChatClientCommand.undelivered(new Outbox.Report(10, 6, 1, 1, 1, 1)));
  }
}
