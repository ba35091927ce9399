package dev.termchat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

/** Where the stream is trimmed, by entries and by bytes, as a node has read it. */
class StreamBudgetTest {
  private static StreamEntryID id(long time, long sequence) {
    return new StreamEntryID(time, sequence);
  }

  @Test
  void whatFitsIsKeptWhole() {
    StreamBudget budget = new StreamBudget(10, 1000);
    budget.read(id(1, 0), 400);
    budget.read(id(2, 0), 600);
    assertNull(budget.keepFrom());
    assertEquals(1000, budget.bytes());
  }

  @Test
  void theOldestGoWhenTheBytesRunOverAndTheAccountFollowsTheTrim() {
    StreamBudget budget = new StreamBudget(10, 1000);
    budget.read(id(1, 0), 400);
    budget.read(id(1, 1), 400);
    budget.read(id(2, 0), 400);
    assertEquals(id(1, 1), budget.keepFrom(), "800 bytes from the second on");
    budget.forgetBefore(id(1, 1)); // As Redis says at the next check.
    assertEquals(800, budget.bytes());
    assertEquals(2, budget.entries());
    assertNull(budget.keepFrom());
  }

  @Test
  void theOldestGoWhenTheEntriesRunOver() {
    StreamBudget budget = new StreamBudget(2, 1_000_000);
    for (int i = 1; i <= 5; i++) {
      budget.read(id(i, 0), 10);
    }
    assertEquals(id(4, 0), budget.keepFrom());
  }

  @Test
  void anEntryLargerThanTheBudgetLeavesNothingOlderToKeep() {
    StreamBudget budget = new StreamBudget(10, 1000);
    budget.read(id(1, 0), 100);
    budget.read(id(2, 7), 5000);
    assertEquals(id(2, 8), budget.keepFrom(), "past the newest: only what is appended next stays");
  }

  @Test
  void makingRoomKeepsTheNewerHalf() {
    StreamBudget budget = new StreamBudget(1000, 1_000_000);
    for (int i = 1; i <= 8; i++) {
      budget.read(id(i, 0), 100);
    }
    StreamEntryID keep = budget.keepNewerHalf();
    assertEquals(id(5, 0), keep);
    budget.trimmed(keep);
    assertEquals(400, budget.bytes());
    budget.clear();
    assertNull(budget.keepNewerHalf(), "nothing read, nothing it could trim");
  }

  @Test
  void theRingGrowsPastItsFirstSizeWhileWrappedAndKeepsItsOrder() {
    StreamBudget budget = new StreamBudget(1_000_000, 1_000_000_000);
    for (int i = 1; i <= 3000; i++) {
      budget.read(id(i, 0), 1);
      if (i % 700 == 0 && i > 900) {
        budget.forgetBefore(id(i - 900, 0)); // The ring's start moves on, so it grows wrapped.
      }
    }
    assertEquals(1101, budget.entries(), "1900 to 3000");
    assertEquals(id(2451, 0), budget.keepNewerHalf(), "the newer 550");
  }
}
