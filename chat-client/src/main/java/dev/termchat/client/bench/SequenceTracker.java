package dev.termchat.client.bench;

import java.util.Arrays;
import java.util.BitSet;

/**
 * What each receiver got of each sender's numbered messages: which arrived, which twice, which
 * after a later one. Loss is whatever was sent and never arrived. Not thread-safe: the bench's
 * one event loop records everything.
 */
final class SequenceTracker {
  private final int senders;
  private final BitSet[] seen;
  private final long[] highest;
  private long unique;
  private long duplicates;
  private long reordered;

  SequenceTracker(int receivers, int senders) {
    this.senders = senders;
    this.seen = new BitSet[receivers * senders];
    this.highest = new long[receivers * senders];
    Arrays.fill(highest, -1);
  }

  /** Receiver {@code receiver} got message number {@code sequence} of sender {@code sender}. */
  void record(int receiver, int sender, int sequence) {
    int slot = receiver * senders + sender;
    BitSet got = seen[slot];
    if (got == null) {
      got = new BitSet();
      seen[slot] = got;
    }
    if (got.get(sequence)) {
      duplicates++;
      return;
    }
    got.set(sequence);
    unique++;
    if (sequence < highest[slot]) {
      reordered++;
    } else {
      highest[slot] = sequence;
    }
  }

  /** Messages received once each. */
  long unique() {
    return unique;
  }

  long duplicates() {
    return duplicates;
  }

  /** Messages that arrived after a later one from the same sender. */
  long reordered() {
    return reordered;
  }

  /**
   * Messages that never arrived, given how many deliveries were due: each sender's messages to
   * every receiver of its room that was there throughout.
   */
  long lost(long expectedDeliveries) {
    return expectedDeliveries - unique;
  }
}
