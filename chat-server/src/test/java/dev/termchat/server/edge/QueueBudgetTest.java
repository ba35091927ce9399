package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which queues the shared budget drops when it runs out, and which it leaves. */
class QueueBudgetTest {
  private static final InetAddress ONE = address(10, 0, 0, 1);
  private static final InetAddress TWO = address(10, 0, 0, 2);

  private final List<String> dropped = new ArrayList<>();

  private static InetAddress address(int... bytes) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) bytes[0], (byte) bytes[1], (byte) bytes[2], (byte) bytes[3]});
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** A queue's share whose dropping empties it, as a connection's does. */
  private QueueBudget.Share share(QueueBudget budget, String name, InetAddress address, boolean limited) {
    QueueBudget.Share[] share = new QueueBudget.Share[1];
    share[0] =
        budget.open(
            address,
            limited,
            (held, full) -> {
              dropped.add(name + " " + held + " " + full);
              share[0].giveBack(held);
            });
    return share[0];
  }

  @Test
  void theQueuesHoldingTheMostGoFirstUntilTheTotalIsKept() {
    QueueBudget budget = new QueueBudget(1000, Long.MAX_VALUE);
    QueueBudget.Share a = share(budget, "a", ONE, true);
    QueueBudget.Share b = share(budget, "b", TWO, true);
    QueueBudget.Share c = share(budget, "c", TWO, true);
    assertFalse(a.take(300));
    assertFalse(b.take(500));
    assertFalse(c.take(100));
    assertTrue(c.take(200), "1,100 of 1,000");
    c.relieve();
    assertEquals(List.of("b 500 the server's queues (1000 bytes)"), dropped, "the largest only: 600 is within the budget");
    assertEquals(600, budget.used());
  }

  @Test
  void anAddressPastItsShareLosesItsOwnLargestQueueOnly() {
    QueueBudget budget = new QueueBudget(10_000, 500);
    QueueBudget.Share x = share(budget, "x", ONE, true);
    QueueBudget.Share y = share(budget, "y", ONE, true);
    QueueBudget.Share z = share(budget, "z", TWO, true);
    assertFalse(z.take(480));
    assertFalse(x.take(300));
    assertFalse(y.take(150));
    assertTrue(y.take(100), "550 for the first address");
    y.relieve();
    assertEquals(List.of("x 300 the queues to its address (500 bytes)"), dropped, "z holds more, but is of another address");
  }

  @Test
  void anAddressWithoutItsOwnLimitCountsOnlyInTheTotal() {
    QueueBudget budget = new QueueBudget(10_000, 500);
    QueueBudget.Share loopback = share(budget, "loopback", InetAddress.getLoopbackAddress(), false);
    assertFalse(loopback.take(5_000), "ten times an address's share, but this one has none");
    QueueBudget.Share other = share(budget, "other", InetAddress.getLoopbackAddress(), false);
    assertFalse(other.take(4_000));
    assertTrue(loopback.take(1_001));
    loopback.relieve();
    assertEquals(List.of("loopback 6001 the server's queues (10000 bytes)"), dropped);
  }

  @Test
  void theQueueThatAskedGoesWhenItHoldsTheMost() {
    QueueBudget budget = new QueueBudget(1000, Long.MAX_VALUE);
    QueueBudget.Share small = share(budget, "small", ONE, true);
    QueueBudget.Share large = share(budget, "large", TWO, true);
    assertFalse(small.take(100));
    assertFalse(large.take(800));
    assertTrue(large.take(200));
    large.relieve();
    assertEquals(List.of("large 1000 the server's queues (1000 bytes)"), dropped);
    assertEquals(100, budget.used());
  }
}
