package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.client.OutgoingLine.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Own lines are shown in the order typed, whatever order their echoes come in. */
class OwnEchoesTest {
  private final Outbox outbox = new Outbox();
  private final OwnEchoes echoes = new OwnEchoes(outbox);
  private final List<String> shown = new ArrayList<>();

  @Test
  void echoesInOrderAreShownAtOnce() {
    type(3);
    sendAll();
    echo("c1");
    echo("c2");
    assertEquals(List.of("c1", "c2"), shown);
    echo("c3");
    assertEquals(List.of("c1", "c2", "c3"), shown);
  }

  @Test
  void copiesOfLaterLinesCaughtUpBeforeEarlierOnesAreHeldUntilTheEarlierOnesAreEchoed() {
    // Lines 1..5 went out, the path back died, and the resume brings back 4 and 5 only: 1..3 go
    // again, to be echoed after.
    type(5);
    sendAll();
    outbox.connectionLost(true);
    assertTrue(echo("c4"));
    assertTrue(echo("c5"));
    assertEquals(List.of(), shown, "1 to 3 have no outcome yet");
    assertEquals(new DeliveryReport(5, 2, 0, 0, 0, 3, 0, 0), outbox.report(), "their delivery counts at once");
    sendAll();
    echo("c1");
    assertEquals(List.of("c1"), shown);
    echo("c2");
    assertEquals(List.of("c1", "c2"), shown);
    echo("c3");
    assertEquals(List.of("c1", "c2", "c3", "c4", "c5"), shown);
  }

  @Test
  void aHeldLineIsShownOnceTheLinesBeforeItAreRefused() {
    type(3);
    sendAll();
    echo("c3");
    echo("c1");
    assertEquals(List.of("c1"), shown);
    outbox.refused("c2");
    echoes.settled();
    assertEquals(List.of("c1", "c3"), shown);
  }

  @Test
  void aHeldLineIsShownOnceTheLinesBeforeItAreUnconfirmed() {
    type(2);
    outbox.takeNext();
    outbox.takeNext();
    echo("c2");
    assertEquals(List.of(), shown);
    outbox.connectionLost(false);
    echoes.settled();
    assertEquals(List.of("c2"), shown);
  }

  @Test
  void aLineTypedLaterStillWaitingHoldsNothingBeforeIt() {
    type(2);
    outbox.takeNext();
    echo("c1");
    assertEquals(List.of("c1"), shown, "2 was typed after: it holds nothing back");
  }

  @Test
  void whatIsHeldWhenTheSessionEndsIsShownInTheOrderTyped() {
    type(4);
    sendAll();
    echo("c4");
    echo("c2");
    echo("c3");
    assertEquals(List.of(), shown);
    echoes.showAll();
    assertEquals(List.of("c2", "c3", "c4"), shown);
    echoes.showAll();
    assertEquals(List.of("c2", "c3", "c4"), shown, "each once");
  }

  @Test
  void anOwnMessageThatIsNoLineWaitingForItsEchoIsShownAtOnce() {
    type(2);
    sendAll();
    echo("c2");
    assertFalse(echo("c7"), "never typed in this session");
    assertFalse(echo("c2"), "settled already");
    assertEquals(List.of("c7", "c2"), shown);
  }

  @Test
  void withoutIdsEchoesSettleTheOldestLineInFlightAndAreShownAtOnce() {
    type(2);
    sendAll();
    assertTrue(echo(null));
    assertTrue(echo(null));
    assertEquals(List.of("null", "null"), shown);
    assertTrue(outbox.settled());
  }

  private void type(int lines) {
    for (int i = 0; i < lines; i++) {
      outbox.add(Kind.MESSAGE, null, "line");
    }
  }

  private void sendAll() {
    while (outbox.hasWaiting()) {
      outbox.takeNext();
    }
  }

  private boolean echo(String clientId) {
    return echoes.echoed(clientId, () -> shown.add(String.valueOf(clientId)));
  }
}
