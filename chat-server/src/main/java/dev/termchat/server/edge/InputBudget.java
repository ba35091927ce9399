package dev.termchat.server.edge;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The heap that input still arriving holds, all connections together: the buffers of handshakes
 * and of messages in progress. Each connection's are bounded by the handshake and frame limits,
 * but a client may leave one unfinished on every connection it may open, and many of them
 * together could hold more than the heap; this budget is what they share.
 *
 * <p>When a buffer would grow past the limit, the oldest input in progress goes first: the
 * connections whose handshake or message began the longest ago are dropped, until the new bytes
 * fit with an eighth of the limit to spare (so that an attack of many buffers drops many at
 * once, rather than one at each new buffer). A client that sends a message as fast as its link
 * takes it is done with it long before one that began it and stopped; should the growing
 * connection be the oldest, it is the one refused.
 *
 * <p>Confined to the I/O thread, where all input is read.
 */
final class InputBudget {
  /** What holds input in progress: a connection. */
  interface Holder {
    /** Its input in progress is dropped to make room: it gives its bytes back, and goes. */
    void inputEvicted();
  }

  private final long limit;
  private long used;
  /** Holders by the bytes they hold, in the order their input in progress began. */
  private final Map<Holder, Long> held = new LinkedHashMap<>();

  InputBudget(long limit) {
    this.limit = limit;
  }

  /**
   * Counts bytes that a holder's buffer grows by, after making room for them.
   *
   * @return false when there is no room, the holder's own input being the oldest or more than
   *     the whole budget: it must drop its input and go
   */
  boolean take(Holder holder, long bytes) {
    if (held.getOrDefault(holder, 0L) + bytes > limit) {
      return false; // No room even with every other input dropped: drop none for it.
    }
    if (used + bytes > limit) {
      long keepTo = Math.max(0, limit - limit / 8 - bytes);
      Iterator<Holder> oldest = held.keySet().iterator();
      while (used > keepTo && oldest.hasNext()) {
        Holder next = oldest.next();
        if (next == holder) {
          return false;
        }
        used -= held.get(next);
        oldest.remove();
        next.inputEvicted();
      }
      if (used + bytes > limit) {
        return false;
      }
    }
    used += bytes;
    held.merge(holder, bytes, Long::sum);
    return true;
  }

  /** What one holder's message buffers take their room from. */
  FrameReader.Allowance allowance(Holder holder) {
    return new FrameReader.Allowance() {
      @Override
      public boolean take(int bytes) {
        return InputBudget.this.take(holder, bytes);
      }

      @Override
      public void giveBack() {
        InputBudget.this.giveBack(holder);
      }
    };
  }

  /** The holder has let go of all its input in progress. */
  void giveBack(Holder holder) {
    Long bytes = held.remove(holder);
    if (bytes != null) {
      used -= bytes;
    }
  }

  /** Bytes held by input in progress, all connections together. */
  long used() {
    return used;
  }
}
