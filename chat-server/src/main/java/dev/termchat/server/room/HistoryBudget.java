package dev.termchat.server.room;

import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the histories of all rooms may keep together, so that many rooms cannot take the heap:
 * past the bound of messages, the room that keeps the most messages lets go of its oldest; past
 * the bound of characters, the room that keeps the most characters. So a flood in one room,
 * however hidden, costs that room its past first, not the quiet rooms beside it, and a room's
 * history is whole only after what it let go of. One room can always keep its full
 * {@code --history} of the longest messages. Confined to the room thread.
 */
final class HistoryBudget {
  /** For a history on its own, in tests: no bound beyond its own. */
  static final HistoryBudget NONE = new HistoryBudget(Integer.MAX_VALUE, Long.MAX_VALUE);

  /** A room's history, as the budget sees it. */
  interface Holder {
    /** Lets go of the oldest message it keeps: all rooms together keep too much. */
    void letGoOldest();
  }

  /** What one holder keeps; its place in both orders is taken out before either count changes. */
  private static final class Share {
    final Holder holder;
    /** Tells apart holders that keep as much as each other. */
    final long order;
    int messages;
    long chars;

    Share(Holder holder, long order) {
      this.holder = holder;
      this.order = order;
    }
  }

  private static final Comparator<Share> MOST_MESSAGES =
      Comparator.<Share>comparingInt(share -> -share.messages).thenComparingLong(share -> share.order);
  private static final Comparator<Share> MOST_CHARS =
      Comparator.<Share>comparingLong(share -> -share.chars).thenComparingLong(share -> share.order);

  private final int maxMessages;
  private final long maxChars;
  private final Map<Holder, Share> shares = new IdentityHashMap<>();
  private final TreeSet<Share> byMessages = new TreeSet<>(MOST_MESSAGES);
  private final TreeSet<Share> byChars = new TreeSet<>(MOST_CHARS);
  private long nextOrder;
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

  /** The holder keeps one more message, of about so many characters. */
  void kept(Holder holder, long messageChars) {
    if (this == NONE) {
      return;
    }
    Share share = change(holder, 1, messageChars);
    while (messages > maxMessages && !byMessages.isEmpty()) {
      // Between rooms that keep as much, the one that just said more pays.
      Share most = byMessages.first();
      (share.messages > 0 && share.messages == most.messages ? share : most).holder.letGoOldest();
    }
    while (chars > maxChars && !byChars.isEmpty()) {
      Share most = byChars.first();
      (share.messages > 0 && share.chars == most.chars ? share : most).holder.letGoOldest();
    }
  }

  /** The holder let go of a message of about so many characters. */
  void dropped(Holder holder, long messageChars) {
    if (this == NONE) {
      return;
    }
    change(holder, -1, -messageChars);
  }

  private Share change(Holder holder, int messageDelta, long charsDelta) {
    Share share = shares.computeIfAbsent(holder, any -> new Share(any, nextOrder++));
    byMessages.remove(share);
    byChars.remove(share);
    share.messages += messageDelta;
    share.chars += charsDelta;
    messages += messageDelta;
    chars += charsDelta;
    if (share.messages == 0) {
      shares.remove(holder);
    } else {
      byMessages.add(share);
      byChars.add(share);
    }
    return share;
  }

  /** How many messages all rooms keep. */
  int messages() {
    return messages;
  }
}
