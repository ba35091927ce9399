package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Servers taken in turn, and the wait growing once a round of them. */
class ServerRotationTest {
  private static final URI ONE = URI.create("ws://127.0.0.1:1");
  private static final URI TWO = URI.create("ws://127.0.0.1:2");

  @Test
  void eachFailedAttemptMovesOnAndTheLastLeadsBackToTheFirst() {
    ServerRotation servers = new ServerRotation(List.of(ONE, TWO));
    assertEquals(ONE, servers.current());
    servers.failed();
    assertEquals(TWO, servers.current());
    servers.failed();
    assertEquals(ONE, servers.current());
  }

  @Test
  void theWaitGrowsOnceEveryServerWasTried() {
    ServerRotation two = new ServerRotation(List.of(ONE, TWO));
    assertEquals(List.of(1, 1, 2, 2, 3), List.of(two.round(1), two.round(2), two.round(3), two.round(4), two.round(5)));
    ServerRotation one = new ServerRotation(List.of(ONE));
    assertEquals(List.of(1, 2, 3), List.of(one.round(1), one.round(2), one.round(3)), "one server: as before");
  }
}
