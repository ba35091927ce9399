package dev.termchat.server.edge;

import java.nio.ByteBuffer;

/**
 * One connection's HTTP request head as its bytes arrive, in pieces of any size: at most {@link
 * Handshake#MAX_BYTES}, in a buffer grown as they come and taken from the {@link InputBudget} all
 * connections share. Confined to the I/O thread.
 */
final class RequestHead {
  /** What the bytes so far make. */
  enum Progress {
    /** Not the whole head yet. */
    MORE,
    /** The whole head: see {@link #received} and {@link #end}. */
    WHOLE,
    /** Past {@link Handshake#MAX_BYTES}: no request a client sends is that long. */
    TOO_LONG,
    /** The budget has no room, this connection's being the oldest input in progress. */
    NO_ROOM
  }

  private final InputBudget budget;
  private final InputBudget.Holder holder;
  /** What has arrived, from position 0 to the buffer's position; then, once whole, flipped. */
  private ByteBuffer received;
  private int end = -1;

  RequestHead(InputBudget budget, InputBudget.Holder holder) {
    this.budget = budget;
    this.holder = holder;
  }

  /** Takes all the bytes given; once the head is whole, the budget has them back. */
  Progress add(ByteBuffer bytes) {
    int searchFrom = received == null ? 0 : received.position();
    int needed = searchFrom + bytes.remaining();
    if (needed > Handshake.MAX_BYTES) {
      return Progress.TOO_LONG;
    }
    int capacity = received == null ? 0 : received.capacity();
    if (needed > capacity) {
      int grown = Math.min(Handshake.MAX_BYTES, Math.max(Math.max(needed, 1024), 2 * capacity));
      if (!budget.take(holder, grown - capacity)) {
        return Progress.NO_ROOM;
      }
      ByteBuffer larger = ByteBuffer.allocate(grown);
      received = received == null ? larger : larger.put(received.flip());
    }
    received.put(bytes);
    end = HeadSyntax.endOfHead(received, searchFrom);
    if (end < 0) {
      return Progress.MORE;
    }
    received.flip();
    budget.giveBack(holder);
    return Progress.WHOLE;
  }

  /** Every byte received, the head and any that came right behind it, from position 0. */
  ByteBuffer received() {
    return received;
  }

  /** Where the head ends in {@link #received}: just past its blank line. */
  int end() {
    return end;
  }
}
