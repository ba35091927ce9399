package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.wire.OutgoingFrame;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one writer of a connection's bytes, over a {@link MemoryTransport} that takes what the test lets it. */
class SocketWriterTest {
  private final EdgeStage stage = new EdgeStage();

  @AfterEach
  void closeRoom() {
    stage.close();
  }

  @Test
  void framesGoOutInTheOrderQueuedInOneWrite() {
    stage.open();
    assertTrue(stage.connection.enqueue(OutgoingFrame.of("a")), "the first frame asks for a flush");
    assertFalse(stage.connection.enqueue(OutgoingFrame.forBroadcast("b")), "the rest go with it");
    assertEquals("", stage.transport.takeHex(), "nothing before the flush");
    stage.connection.flush();
    assertEquals("81 01 61 81 01 62", stage.transport.takeHex());
  }

  @Test
  void whatTheSocketDoesNotTakeWaitsUntilItIsWritableAgain() {
    stage.open();
    stage.transport.room(3);
    stage.connection.enqueue(OutgoingFrame.of("hello"));
    stage.connection.flush();
    assertEquals("81 05 68", stage.transport.takeHex());
    assertTrue(stage.slot.watchingWrites(), "the I/O thread is asked to say when the socket takes more");

    stage.transport.room(Long.MAX_VALUE);
    stage.connection.onWritable();
    assertEquals("65 6c 6c 6f", stage.transport.takeHex());
    assertFalse(stage.slot.watchingWrites());
  }

  @Test
  void theCloseFrameGoesLastAndNothingAfterIt() {
    stage.open();
    stage.transport.room(0);
    stage.connection.enqueue(OutgoingFrame.of("a"));
    stage.connection.flush();
    stage.connection.goAway(CloseCodes.GOING_AWAY, "");
    assertFalse(stage.connection.enqueue(OutgoingFrame.of("late")), "the queue has ended");

    stage.transport.room(Long.MAX_VALUE);
    stage.connection.onWritable();
    assertEquals("81 01 61 88 02 03 e9", stage.transport.takeHex());
    assertTrue(stage.transport.outputShut(), "the output ends after the close frame");
    stage.connection.flush();
    assertEquals("", stage.transport.takeHex());
  }

  @Test
  void aClientThatDoesNotReadIsDroppedPastTheHardLimitWithoutACloseFrame() {
    stage.open();
    stage.transport.room(0);
    String text = "x".repeat(1000);
    for (int i = 0; i < 4 && stage.connection.state() == Closing.State.OPEN; i++) {
      stage.connection.enqueue(OutgoingFrame.of(text)); // The fifth would pass 4096 bytes.
      stage.connection.flush();
    }
    assertEquals(Closing.State.OPEN, stage.connection.state());
    stage.connection.enqueue(OutgoingFrame.of(text));
    assertEquals(Closing.State.CLOSED, stage.connection.state());
    assertTrue(stage.transport.wasReset());
    assertEquals("", stage.transport.takeHex());
    assertEquals(List.of(1008), stage.closedCodes, "counted as too slow, as OPERATIONS says, though no close frame went");
  }
}
