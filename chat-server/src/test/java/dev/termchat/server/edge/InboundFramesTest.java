package dev.termchat.server.edge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.server.room.Dialect;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The inbound stage of an open connection, on literal bytes over a {@link MemoryTransport}: what
 * each frame from the client comes to. Client frames here are masked with a zero key, so their
 * payload reads as it is. The room is not started unless said: a close frame then goes at once.
 */
class InboundFramesTest {
  private final EdgeStage stage = new EdgeStage();

  @AfterEach
  void closeRoom() {
    stage.close();
  }

  @Test
  void aFragmentedMessageIsOneMessageAndAPingBetweenItsFragmentsIsAnswered() {
    stage.open();
    stage.receive("01 83 00 00 00 00 48 65 6c"); // "Hel", not final
    assertEquals("", stage.transport.takeHex());
    stage.receive("89 80 00 00 00 00"); // a ping between fragments
    assertEquals("8a 00", stage.transport.takeHex());
    stage.receive("80 82 00 00 00 00 6c 6f"); // "lo", final
    assertEquals(Dialect.PLAIN, stage.connection.dialect(), "'Hello', whole, is no JSON: a plain-text client");
    assertEquals(Closing.State.OPEN, stage.connection.state());
  }

  @Test
  void aMessageInMoreFragmentsThanAllowedCloses1009() {
    stage.open();
    stage.receive("01 80 00 00 00 00 00 80 00 00 00 00 00 80 00 00 00 00 00 80 00 00 00 00 00 80 00 00 00 00");
    assertEquals("88 21 03 f1 61 20 6d 65 73 73 61 67 65 20 69 6e 20 6d 6f 72 65 20 74 68 61 6e 20 34 20 66 72 61 6d 65 73",
        stage.transport.takeHex());
  }

  @Test
  void anOversizedMessageCloses1009BeforeItsPayloadAndNothingAfterItIsRead() {
    stage.open();
    stage.receive("81 c1 00 00 00 00"); // 65 bytes declared, 64 allowed
    assertEquals("88 19 03 f1 61 20 6d 65 73 73 61 67 65 20 6f 76 65 72 20 36 34 20 62 79 74 65 73", stage.transport.takeHex());
    stage.receive("89 80 00 00 00 00");
    assertEquals("", stage.transport.takeHex(), "input after the close is dropped, unanswered");
    assertEquals(List.of(1009), stage.closedCodesAfter(EdgeStage.CLOSE_TIMEOUT.plusSeconds(1)));
  }

  @Test
  void textThatIsNotUtf8Closes1007() {
    stage.open();
    stage.receive("81 81 00 00 00 00 ff");
    assertEquals("88 18 03 ef 74 65 78 74 20 74 68 61 74 20 69 73 20 6e 6f 74 20 55 54 46 2d 38", stage.transport.takeHex());
  }

  @Test
  void anUnmaskedFrameCloses1002() {
    stage.open();
    stage.receive("81 05 48 65 6c 6c 6f");
    assertEquals("88 22 03 ea 61 20 63 6c 69 65 6e 74 27 73 20 66 72 61 6d 65 73 20 6d 75 73 74 20 62 65 20 6d 61 73 6b 65 64",
        stage.transport.takeHex());
  }

  @Test
  void framesPastTheRateAreDroppedAndTheRateComesBackAsTheClockMoves() {
    stage.open(); // 1 a second, a burst of 1
    stage.receive("89 80 00 00 00 00 89 80 00 00 00 00 89 80 00 00 00 00");
    assertEquals("8a 00", stage.transport.takeHex(), "one ping answered, two past the rate dropped");
    stage.slot.advance(Duration.ofSeconds(1));
    stage.receive("89 80 00 00 00 00");
    assertEquals("8a 00", stage.transport.takeHex());
    assertEquals(Closing.State.OPEN, stage.connection.state());
  }

  @Test
  void aSustainedFloodCloses1008() {
    stage.open();
    // A burst of 1 and 10 s at 1.25 a second: the 14th frame at once is past all patience.
    stage.receive("89 80 00 00 00 00 ".repeat(14));
    assertEquals("8a 00 88 0a 03 f0 66 6c 6f 6f 64 69 6e 67", stage.transport.takeHex());
  }

  @Test
  void theRegisterFrameInTwoFragmentsReachesTheRoom() {
    stage.room.start();
    stage.open();
    String register = "{\"messageType\":\"register\",\"data\":\"alice\"}";
    stage.receive("01 85 00 00 00 00 " + hex(register.substring(0, 5)));
    stage.receive("80 " + String.format("%02x", 0x80 | register.length() - 5) + " 00 00 00 00 " + hex(register.substring(5)));
    StringBuilder seen = new StringBuilder();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      stage.slot.runTasks();
      seen.append(stage.transport.takeText());
      return seen.toString().contains("\"alice\"");
    });
  }

  private static String hex(String ascii) {
    return java.util.HexFormat.ofDelimiter(" ").formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
