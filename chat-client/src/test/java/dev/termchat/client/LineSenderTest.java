package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sending lines on its own: a channel the test opens and closes, and a clock the test moves. */
class LineSenderTest {
  private final ManualClock clock = new ManualClock();
  private final RecordingView view = new RecordingView();
  private final FakeChannel channel = new FakeChannel();

  private LineSender sender(boolean interactive) {
    return new LineSender(clock, view, interactive, Duration.ofSeconds(1), Duration.ofSeconds(4), channel);
  }

  @Test
  void linesTypedBeforeTheSessionJoinedWaitAndGoInOrderOnceItHas() {
    LineSender lines = sender(true);
    lines.offer(OutgoingLine.Kind.MESSAGE, null, "one");
    lines.offer(OutgoingLine.Kind.MESSAGE, null, "two");
    assertEquals(List.of(), channel.texts());
    assertEquals(2, lines.waiting());
    assertEquals(List.of("info not connected yet: lines you type now are sent once connected"), view.all());

    channel.ready = true;
    lines.joined();
    lines.sendWaiting();
    assertEquals(List.of("one", "two"), channel.texts());
    assertEquals(0, lines.waiting());
  }

  @Test
  void pastTheBurstLinesGoAtThePaceAsTheClockMoves() {
    channel.ready = true;
    LineSender lines = sender(false);
    // 10 a second and a burst of 4 at the server: this client keeps to 9 a second, 2 at once.
    lines.welcomed(10, 4);
    for (int i = 1; i <= 5; i++) {
      lines.offer(OutgoingLine.Kind.MESSAGE, null, "line " + i);
    }
    assertEquals(List.of("line 1", "line 2"), channel.texts());
    clock.advance(Duration.ofMillis(100));
    assertEquals(2, channel.texts().size(), "a ninth of a second per line");
    clock.advance(Duration.ofMillis(12));
    assertEquals(3, channel.texts().size());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of("line 1", "line 2", "line 3", "line 4", "line 5"), channel.texts());
  }

  @Test
  void aLineTheServerCannotTakeGoesAgainAfterAWaitThatDoublesWhileItStillCannot() {
    channel.ready = true;
    channel.capabilities = Set.of(Wire.CAPABILITY_IDS);
    LineSender lines = sender(false);
    lines.offer(OutgoingLine.Kind.MESSAGE, null, "kept");
    String id = channel.lastId();

    assertTrue(lines.answered(ErrorReply.of(ErrorCode.UNAVAILABLE, "down", id)));
    assertEquals(List.of("info the server cannot take lines just now; they are kept and sent again"), view.all());
    clock.advance(Duration.ofMillis(999));
    assertEquals(1, channel.sent.size(), "not before the first wait, 1 s");
    clock.advance(Duration.ofMillis(1));
    assertEquals(2, channel.sent.size());

    assertTrue(lines.answered(ErrorReply.of(ErrorCode.UNAVAILABLE, "down", channel.lastId())));
    clock.advance(Duration.ofMillis(1999));
    assertEquals(2, channel.sent.size(), "not before the doubled wait, 2 s");
    clock.advance(Duration.ofMillis(1));
    assertEquals(List.of("kept", "kept", "kept"), channel.texts());

    lines.echoed(true, channel.lastId(), () -> view.info("shown"));
    assertEquals(new DeliveryReport(1, 1, 0, 0, 0, 0, 0, 0), lines.report());
    assertTrue(view.all().contains("info the server takes lines again"), view.all().toString());
  }

  @Test
  void aRefusedLineIsShownAndCountedAndTheNextGoes() {
    channel.ready = true;
    channel.capabilities = Set.of(Wire.CAPABILITY_IDS);
    LineSender lines = sender(false);
    lines.offer(OutgoingLine.Kind.MESSAGE, null, "first");
    assertTrue(lines.answered(ErrorReply.of(ErrorCode.MESSAGE_TOO_LONG, "too long", channel.lastId())));
    assertFalse(lines.answered(ErrorReply.of(ErrorCode.INVALID_NAME, "not about a line")));
    assertEquals(List.of("error " + ErrorCode.MESSAGE_TOO_LONG.wireName()), view.all());
    assertTrue(lines.settled());
    assertEquals(new DeliveryReport(1, 0, 1, 0, 0, 0, 0, 0), lines.report());
  }

  @Test
  void aLineRefusedInAMutedRoomIsNotSentAgainAfterAReconnect() {
    channel.ready = true;
    channel.capabilities = Set.of(Wire.CAPABILITY_IDS);
    LineSender lines = sender(false);
    lines.offer(OutgoingLine.Kind.MESSAGE, null, "hello?");
    assertFalse(lines.answered(ErrorReply.of(ErrorCode.NOT_PERMITTED, "only an operator of \"#dev\" may kick")), "a refused /kick is no line's");
    assertTrue(lines.answered(ErrorReply.of(ErrorCode.NOT_PERMITTED, "\"#dev\" is muted: ...; message not delivered", channel.lastId())));
    assertEquals(List.of("error " + ErrorCode.NOT_PERMITTED.wireName()), view.all());
    assertTrue(lines.settled());
    channel.ready = false;
    lines.connectionLost(true);
    channel.ready = true;
    lines.sendWaiting();
    assertEquals(List.of("hello?"), channel.texts(), "refused for good: not sent again, once unmuted or after a restart");
    assertEquals(new DeliveryReport(1, 0, 1, 0, 0, 0, 0, 0), lines.report());
  }

  @Test
  void pipedLinesPastTheLimitAreNotTakenSoTheReaderWaits() {
    LineSender lines = sender(false);
    for (int i = 0; i < LineSender.MAX_WAITING_LINES; i++) {
      assertTrue(lines.offer(OutgoingLine.Kind.MESSAGE, null, "line " + i));
    }
    assertFalse(lines.offer(OutgoingLine.Kind.MESSAGE, null, "one too many"));
    channel.closed = true;
    assertTrue(lines.offer(OutgoingLine.Kind.MESSAGE, null, "closing: no one will make room"));
  }

  @Test
  void linesTypedWhileAwayAreKeptUpToABoundAndThoseBeyondAreDroppedWithANotice() {
    LineSender lines = sender(true);
    for (int i = 0; i <= LineSender.MAX_TYPED_WHILE_AWAY; i++) {
      assertTrue(lines.offer(OutgoingLine.Kind.MESSAGE, null, "line " + i), "a person is never held back");
    }
    assertEquals(LineSender.MAX_TYPED_WHILE_AWAY, lines.waiting());
    assertEquals(
        "info not kept: " + LineSender.MAX_TYPED_WHILE_AWAY + " lines already wait for the connection to come back",
        view.all().get(view.all().size() - 1));
    assertEquals(1, lines.report().dropped());
  }

  @Test
  void ownLinesShowInTheOrderTypedWhateverOrderTheirEchoesComeIn() {
    channel.ready = true;
    channel.capabilities = Set.of(Wire.CAPABILITY_IDS);
    LineSender lines = sender(false);
    lines.offer(OutgoingLine.Kind.MESSAGE, null, "first");
    String first = channel.lastId();
    lines.offer(OutgoingLine.Kind.MESSAGE, null, "second");
    lines.echoed(true, channel.lastId(), () -> view.info("second shown"));
    assertEquals(List.of(), view.all(), "held until the first has an outcome");
    lines.echoed(true, first, () -> view.info("first shown"));
    assertEquals(List.of("info first shown", "info second shown"), view.all());
    lines.echoed(false, null, () -> view.info("someone else's"));
    assertEquals(new DeliveryReport(2, 2, 0, 0, 0, 0, 0, 0), lines.report());
  }

  @Test
  void linesInFlightWhenAConnectionDropsAreSaidToBeUncertainUnlessTheServerResumes() {
    channel.ready = true;
    LineSender lines = sender(false);
    lines.offer(OutgoingLine.Kind.MESSAGE, null, "in flight");
    channel.ready = false;
    lines.connectionLost(false);
    assertEquals(List.of("info 1 line sent just before may not have reached anyone"), view.all());
    assertEquals(new DeliveryReport(1, 0, 0, 1, 0, 0, 0, 0), lines.report());
  }

  /** The rest of the session, as the test sets it. */
  private static final class FakeChannel implements LineSender.Channel {
    boolean ready;
    boolean closed;
    Set<String> capabilities = Set.of();
    final List<ClientFrame> sent = new ArrayList<>();

    @Override
    public boolean ready() {
      return ready;
    }

    @Override
    public boolean closed() {
      return closed;
    }

    @Override
    public boolean everJoined() {
      return false;
    }

    @Override
    public Set<String> capabilities() {
      return capabilities;
    }

    @Override
    public String name() {
      return "alice";
    }

    @Override
    public boolean roomFramesWaiting() {
      return false;
    }

    @Override
    public boolean send(ClientFrame frame) {
      sent.add(frame);
      return true;
    }

    List<String> texts() {
      return sent.stream().map(frame -> ((SendMessage) frame).text()).toList();
    }

    String lastId() {
      return ((SendMessage) sent.get(sent.size() - 1)).clientId();
    }
  }
}
