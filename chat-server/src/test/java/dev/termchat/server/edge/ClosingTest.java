package dev.termchat.server.edge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one way out, {@link Connection#close(Disconnect)}, and the timers of closing, on a moved clock. */
class ClosingTest {
  private final EdgeStage stage = new EdgeStage();

  @AfterEach
  void closeRoom() {
    stage.close();
  }

  @Test
  void thePeersCloseIsEchoedThenTheOutputShutAndItsEndEndsTheConnection() {
    stage.open();
    stage.receive("88 82 00 00 00 00 03 e8");
    assertEquals("88 02 03 e8", stage.transport.takeHex());
    assertTrue(stage.transport.outputShut());
    assertEquals(Closing.State.LINGERING, stage.connection.state());

    stage.transport.endInput();
    stage.receive("");
    assertEquals(Closing.State.CLOSED, stage.connection.state());
    assertTrue(stage.transport.closed());
    assertFalse(stage.transport.wasReset(), "a close handshake that ran its course ends with a FIN");
    assertEquals(List.of(1000), stage.closedCodes);
    assertEquals(1, stage.leaves().size());
    assertTrue(stage.leaves().get(0).quit(), "the client's own close: a quit, its name not held");
    assertEquals("closed", stage.leaves().get(0).why());
  }

  @Test
  void withARunningRoomTheCloseFrameWaitsUntilTheRoomHasLetTheConnectionGo() {
    stage.room.start();
    stage.open();
    stage.receive(EdgeStage.textFrame("{\"messageType\":\"register\",\"data\":\"alice\"}"));
    StringBuilder written = new StringBuilder();
    await().atMost(Duration.ofSeconds(10)).until(() -> written.append(stage.transport.takeText()).toString().contains("\"alice\""));

    stage.connection.goAway(CloseCodes.GOING_AWAY, "");
    assertEquals(Closing.State.CLOSING, stage.connection.state());
    assertFalse(stage.transport.takeHex().contains("88 02 03 e9"), "not before the room lets it go");
    StringBuilder after = new StringBuilder();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      stage.slot.runTasks(); // the room's word that it let the connection go
      return after.append(stage.transport.takeHex()).toString().endsWith("88 02 03 e9");
    });
    assertTrue(stage.transport.outputShut());
    assertEquals(List.of(1001), stage.closedCodesAfter(EdgeStage.CLOSE_TIMEOUT.plusMillis(1)));
  }

  @Test
  void aCloseWithoutACodeIsAnsweredWith1000() {
    stage.open();
    stage.receive("88 80 00 00 00 00");
    assertEquals("88 02 03 e8", stage.transport.takeHex());
  }

  @Test
  void closingIsIdempotent() {
    stage.open();
    stage.connection.close(Disconnect.abort("connection lost"));
    stage.connection.close(Disconnect.abort("connection lost"));
    stage.connection.close(Disconnect.close(CloseCodes.NORMAL, ""));
    stage.connection.goAway(CloseCodes.GOING_AWAY, "server shutting down");
    assertEquals(1, stage.slot.releases());
    assertEquals(List.of(1006), stage.closedCodes, "counted once, as a connection that just ended");
    assertEquals("", stage.transport.takeHex(), "no close frame after an abort");
    assertEquals(1, stage.leaves().size(), "the room hears the connection leave once");
    assertEquals("connection lost", stage.leaves().get(0).why());
  }

  @Test
  void onlyTheFirstCloseFrameIsSent() {
    stage.open();
    stage.connection.goAway(CloseCodes.GOING_AWAY, "server shutting down");
    stage.connection.close(Disconnect.close(CloseCodes.POLICY, "flooding"));
    stage.receive("88 82 00 00 00 00 03 e8"); // the peer's answer
    assertEquals("88 16 03 e9 73 65 72 76 65 72 20 73 68 75 74 74 69 6e 67 20 64 6f 77 6e", stage.transport.takeHex());
  }

  @Test
  void aCloseFrameThePeerNeverTakesEndsInAResetAtTheCloseTimeout() {
    stage.open();
    stage.transport.room(0); // The peer reads nothing more.
    stage.connection.goAway(CloseCodes.GOING_AWAY, "server shutting down");
    assertEquals(Closing.State.CLOSING, stage.connection.state());

    stage.after(EdgeStage.CLOSE_TIMEOUT);
    assertEquals(Closing.State.CLOSING, stage.connection.state(), "not before the timeout");
    stage.after(Duration.ofMillis(1));
    assertEquals(Closing.State.CLOSED, stage.connection.state());
    assertTrue(stage.transport.wasReset(), "what the kernel holds for a peer that does not read is dropped");
    assertEquals(List.of(1001), stage.closedCodes);
  }

  @Test
  void aPeerThatNeverEndsItsSideIsLetGoGracefullyAtTheCloseTimeout() {
    stage.open();
    stage.connection.goAway(CloseCodes.GOING_AWAY, "");
    assertEquals("88 02 03 e9", stage.transport.takeHex());
    assertEquals(Closing.State.LINGERING, stage.connection.state());
    stage.after(EdgeStage.CLOSE_TIMEOUT.plusMillis(1));
    assertEquals(Closing.State.CLOSED, stage.connection.state());
    assertFalse(stage.transport.wasReset(), "the close frame is out: the kernel sends it, then a FIN");
  }

  @Test
  void aCloseBeforeTheHandshakeJustEndsTheSocket() {
    stage.connection.goAway(CloseCodes.GOING_AWAY, "server shutting down");
    assertEquals(Closing.State.CLOSED, stage.connection.state());
    assertEquals("", stage.transport.takeHex());
    assertEquals(List.of(), stage.closedCodes, "no WebSocket opened, so none is counted");
  }

  @Test
  void anHttpAnswerGoesOutThenTheOutputEnds() {
    stage.receiveText("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(stage.transport.takeText().endsWith("\r\n\r\nok\n"));
    assertTrue(stage.transport.outputShut());
    assertEquals(Closing.State.LINGERING, stage.connection.state());
  }

  @Test
  void aRequestThatNeverEndsIsDroppedAtTheHandshakeTimeout() {
    stage.receiveText("GET / HTTP/1.1\r\n");
    stage.after(EdgeStage.HANDSHAKE_TIMEOUT);
    assertEquals(Closing.State.HANDSHAKE, stage.connection.state());
    stage.after(Duration.ofMillis(1));
    assertEquals(Closing.State.CLOSED, stage.connection.state());
    assertEquals("", stage.transport.takeHex());
  }
}
