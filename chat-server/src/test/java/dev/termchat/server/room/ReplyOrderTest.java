package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.server.room.RoomEvent.Leave;
import dev.termchat.server.room.RoomEvent.Refuse;
import dev.termchat.server.room.RoomEvent.Say;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a refusal decided on this node is told, on a clock the test moves. */
class ReplyOrderTest {
  private final Who alice = new Who(RoomSettings.LOCAL_NODE, 1);
  private final Say line = new Say(alice, "hi", false, null);
  private final List<RoomEvent> told = new ArrayList<>();
  private long now;
  private final ReplyOrder order = new ReplyOrder(told::add, () -> now);

  private Refuse refusal(String clientId) {
    return new Refuse(alice, ErrorCode.RATE_LIMITED, "slow down", clientId);
  }

  @Test
  void aRefusalBehindEventsTheLogNeverHandsBackIsToldOnceItWaitedItsLongest() {
    order.attach(alice);
    order.appending(line);
    order.reply(refusal("c1"), order.position(alice));
    now += ReplyOrder.MAX_WAIT_NANOS - 1;
    order.expire();
    assertEquals(List.of(), told);

    now += 1;
    order.expire();
    assertEquals(List.of(refusal("c1")), told);
    order.reply(refusal("c2"), order.position(alice));
    assertEquals(List.of(refusal("c1"), refusal("c2")), told, "the next one waits for nothing it waited for before");
  }

  @Test
  void anEventSettledTwiceCountsOnce() {
    order.attach(alice);
    order.appending(line);
    order.settled(line); // lost after a write that failed half-way...
    order.settled(line); // ...and read back all the same
    order.appending(line);
    order.reply(refusal("c1"), order.position(alice));
    assertEquals(List.of(), told, "the second line is still in flight");
    order.settled(line);
    assertEquals(List.of(refusal("c1")), told);
  }

  @Test
  void aRefusalForAConnectionNotAttachedHereIsToldAtOnce() {
    order.reply(refusal("c1"), order.position(alice));
    assertEquals(List.of(refusal("c1")), told);
  }

  @Test
  void whatWaitsWhenTheConnectionsLeaveIsAppliedIsToldThenAndTheConnectionForgotten() {
    order.attach(alice);
    order.appending(line);
    order.reply(refusal("c1"), 2); // as if behind its leave: the edge never does this
    order.appending(new Leave(alice, "closed", false));
    order.settled(line);
    assertEquals(List.of(), told);
    order.settled(new Leave(alice, "closed", false));
    assertEquals(List.of(refusal("c1")), told);
    order.reply(refusal("c2"), 5);
    assertEquals(List.of(refusal("c1"), refusal("c2")), told, "forgotten: nothing to wait for");
  }
}
