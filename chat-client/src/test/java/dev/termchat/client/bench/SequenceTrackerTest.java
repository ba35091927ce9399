package dev.termchat.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
  @Test
  void everythingInOrderIsNeitherLostNorDuplicatedNorReordered() {
    SequenceTracker tracker = new SequenceTracker(2, 2);
    for (int sequence = 0; sequence < 3; sequence++) {
      for (int receiver = 0; receiver < 2; receiver++) {
        for (int sender = 0; sender < 2; sender++) {
          tracker.record(receiver, sender, sequence);
        }
      }
    }
    assertEquals(12, tracker.unique());
    assertEquals(0, tracker.lost(12));
    assertEquals(0, tracker.duplicates());
    assertEquals(0, tracker.reordered());
  }

  @Test
  void aGapIsLossADoubleIsADuplicateAndALateOneIsReordered() {
    SequenceTracker tracker = new SequenceTracker(1, 1);
    tracker.record(0, 0, 0);
    tracker.record(0, 0, 2); // 1 is missing so far
    tracker.record(0, 0, 2); // again
    tracker.record(0, 0, 1); // late
    tracker.record(0, 0, 4); // 3 never comes
    assertEquals(4, tracker.unique());
    assertEquals(1, tracker.duplicates());
    assertEquals(1, tracker.reordered());
    assertEquals(1, tracker.lost(5));
  }

  @Test
  void senderAndReceiverPairsAreCountedApart() {
    SequenceTracker tracker = new SequenceTracker(2, 2);
    tracker.record(0, 1, 0);
    tracker.record(1, 1, 0);
    tracker.record(1, 0, 0);
    assertEquals(0, tracker.duplicates());
    assertEquals(1, tracker.lost(4));
  }
}
