package dev.termchat.server.room;

import java.util.ArrayDeque;

/**
 * What the histories of all rooms may keep together, so that many rooms cannot take the heap:
 * past either bound, the oldest message of all, whichever room it is in, is let go, and that
 * room's history is whole only after it from then on. One room can always keep its full
 * {@code --history} of the longest messages. Confined to the room thread.
 */
final class HistoryBudget {
  /** For a history on its own, in tests: no bound beyond its own. */
  static final HistoryBudget NONE = new HistoryBudget(Integer.MAX_VALUE, Long.MAX_VALUE);

  /** A message kept in a room's history, as the budget sees it. */
  interface Entry {
    /** About what it takes, in characters. */
    long chars();

    /** Whether its room let go of it already. */
    boolean gone();

    /** Its room lets go of it: it is the oldest message that room keeps. */
    void letGo();
  }

  private final int maxMessages;
  private final long maxChars;
  /** Every message kept, oldest first; some gone already, let go by their own room's bound. */
  private final ArrayDeque<Entry> order = new ArrayDeque<>();
  private int messages;
  private long chars;

  HistoryBudget(int maxMessages, long maxChars) {
    this.maxMessages = maxMessages;
    this.maxChars = maxChars;
  }

  /**
   * As a server keeps them: ten rooms' worth of messages, and the characters of 8,000,000 or of
   * one room's full history of the longest messages, whichever is more.
   */
  static HistoryBudget forRooms(int historySize, int maxMessageChars) {
    if (historySize == 0) {
      return NONE;
    }
    return new HistoryBudget(
        (int) Math.min(Integer.MAX_VALUE, 10L * historySize), Math.max(8_000_000L, (long) historySize * maxMessageChars));
  }

  void kept(Entry kept) {
    if (this == NONE) {
      return;
    }
    order.addLast(kept);
    messages++;
    chars += kept.chars();
    while ((messages > maxMessages || chars > maxChars) && !order.isEmpty()) {
      Entry oldest = order.pollFirst();
      if (!oldest.gone()) {
        oldest.letGo();
      }
    }
    if (order.size() > 2 * messages + 64) {
      // Messages let go by their own room's bound wait here until they reach the front; a busy
      // room beside a quiet one would make them pile up.
      order.removeIf(Entry::gone);
    }
  }

  void dropped(Entry kept) {
    if (this == NONE) {
      return;
    }
    messages--;
    chars -= kept.chars();
  }

  /** How many messages all rooms keep. */
  int messages() {
    return messages;
  }
}
