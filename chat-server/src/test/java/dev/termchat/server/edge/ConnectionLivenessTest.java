package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pings, the registration deadline and a silent peer, on a clock the test moves. */
class ConnectionLivenessTest {
  private static final Duration JUST_OVER = Duration.ofMillis(1);
  private final EdgeStage stage = new EdgeStage();

  @AfterEach
  void closeRoom() {
    stage.close();
  }

  /** Opens, and registers as a plain-text client does: its first line, no JSON. */
  private void openAndRegister() {
    stage.open();
    stage.receive("81 82 00 00 00 00 68 69"); // "hi"
    stage.transport.takeHex();
  }

  @Test
  void aPingEachIntervalWhileThePeerAnswers() {
    openAndRegister();
    stage.after(EdgeStage.PING_INTERVAL.minus(JUST_OVER));
    assertEquals("", stage.transport.takeHex());
    stage.after(JUST_OVER);
    assertEquals("89 00", stage.transport.takeHex());

    stage.receive("8a 80 00 00 00 00"); // its pong
    stage.after(EdgeStage.PING_INTERVAL);
    assertEquals("89 00", stage.transport.takeHex());
    assertEquals(Closing.State.OPEN, stage.connection.state());
  }

  @Test
  void aPeerSilentForAWholeIntervalAfterAPingIsDroppedWithoutACloseFrame() {
    openAndRegister();
    stage.after(EdgeStage.PING_INTERVAL);
    assertEquals("89 00", stage.transport.takeHex());
    stage.after(EdgeStage.PING_INTERVAL);
    assertEquals(Closing.State.CLOSED, stage.connection.state());
    assertEquals("", stage.transport.takeHex());
    assertTrue(stage.transport.wasReset());
    assertEquals(List.of(1006), stage.closedCodes);
  }

  @Test
  void aConnectionThatDoesNotRegisterInTimeCloses1008() {
    stage.open();
    stage.after(EdgeStage.REGISTRATION_TIMEOUT);
    assertEquals("", stage.transport.takeHex());
    stage.after(JUST_OVER);
    assertEquals("88 16 03 f0 72 65 67 69 73 74 65 72 20 77 69 74 68 69 6e 20 31 30 20 73", stage.transport.takeHex());
  }
}
