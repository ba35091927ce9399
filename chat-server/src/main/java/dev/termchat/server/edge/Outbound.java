package dev.termchat.server.edge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Every byte the server has yet to write to one client, in the order it goes out: the handshake
 * response, chat frames, pings, pongs, and the close frame last. One queue, so one limit, one
 * order, and one place where a connection's output ends.
 *
 * <p>Frames are encoded once for all their recipients and queued here as they are, never
 * consumed: a broadcast costs each queue only its slot. A write copies as many queued frames as
 * fit into the writing thread's {@link WriteStage} and writes them with one system call, so a
 * client that fell behind catches up in few. A users list that is still waiting, last in the
 * queue, is replaced by a newer
 * one rather than queued behind it: a slow client never works through a pile of stale lists.
 *
 * <p>What waits is bounded: past {@code softLimit} bytes while the peer is not reading (the last
 * write left bytes over, and none could be written for {@code stallGrace}), or past
 * {@code hardLimit} bytes at all, the queue refuses, empties and ends; the connection is then too
 * slow, and is dropped. A client that reads as fast as it can during a burst is not stalled,
 * only behind. Each frame counts its bytes on the wire and {@value #FRAME_OVERHEAD} more for its
 * slot, so the limits bound the heap a client holds even when its frames are small and shared
 * with everyone. What all the queues hold on the heap together is bounded too, by the {@link
 * QueueBudget} they share.
 *
 * <p>Thread-safe: any thread adds; one thread at a time writes ({@link SocketWriter} sees to that),
 * so the frames in flight need nothing more.
 */
final class Outbound {
  /** How many frames an array deque holds before it first grows. */
  private static final int KEPT_FRAMES = 16;
  /** What a queued frame costs on the heap, beyond the frame itself: its slot in the deque. */
  static final int FRAME_OVERHEAD = 8;
  /**
   * What a frame made for one recipient costs on the heap beyond its bytes: its buffer, and its
   * array's header.
   */
  private static final int OWN_FRAME_OVERHEAD = 64;

  /** What became of a frame handed to {@link #add}. */
  enum Added {
    /** Queued behind others: whoever writes those writes it too. */
    QUEUED,
    /** Queued into an empty queue: the caller must see that it is written. */
    FIRST,
    /** The queue has ended (the connection is closing); dropped. */
    ENDED,
    /** Past the limit: the queue has ended and emptied, and the connection is too slow. */
    OVER_LIMIT
  }

  private final long softLimit;
  private final long hardLimit;
  private final long stallGraceNanos;
  private final LongSupplier nanoClock;
  private final QueueBudget.Share share;

  /** The frames to write, as they were given: copied from, never consumed. Guarded by this. */
  private ArrayDeque<ByteBuffer> frames = new ArrayDeque<>();
  /** Bytes of the first frame already written. Guarded by this. */
  private int headWritten;
  /**
   * Whether {@link #frames} has grown past its first size since it was last empty: an array
   * deque never shrinks, and one grown in a burst would stay with an idle client. Guarded by
   * this.
   */
  private boolean grown;
  /** Bytes in {@link #frames} not yet written. Guarded by this. */
  private long bytes;
  /** The last frame queued, when it is a users list. Guarded by this. */
  private ByteBuffer lastUsersList;
  /** How many frames at the head are being written now. Guarded by this. */
  private int inFlight;
  /** Whether no more frames are taken: a final frame was queued, or the queue was abandoned. */
  private boolean ended;
  /** Whether the final frame, queued by {@link #addFinal}, has been written whole. */
  private volatile boolean finalWritten;
  /** Whether a final frame is queued. Guarded by this. */
  private boolean finalQueued;
  /** Whether the last write left bytes over: the peer's kernel buffer is full. */
  private volatile boolean blocked;
  /**
   * While blocked: when a write last took bytes, or the write that found the peer full. Read
   * only while blocked, so the clock is read only on writes that leave bytes over.
   */
  private volatile long lastProgress;

  Outbound(long softLimit, long hardLimit, Duration stallGrace, LongSupplier nanoClock, QueueBudget.Share share) {
    this.share = share;
    this.softLimit = softLimit;
    this.hardLimit = hardLimit;
    this.stallGraceNanos = stallGrace.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Whether the peer has taken nothing for the grace period while bytes waited for it. */
  private boolean stalled() {
    return blocked && nanoClock.getAsLong() - lastProgress >= stallGraceNanos;
  }

  /**
   * Queues a frame, within the limits: this queue's, and the budget all queues share, which may
   * drop this queue or others to make room.
   *
   * @param usersList whether it is a users list, which a newer one may replace while it waits
   */
  Added add(ByteBuffer frame, boolean usersList) {
    Added added;
    synchronized (this) {
      if (ended) {
        return Added.ENDED;
      }
      if (usersList
          && lastUsersList != null
          && frames.size() > inFlight
          && frames.peekLast() == lastUsersList
          && !(frames.size() == 1 && headWritten > 0)) {
        frames.pollLast();
        bytes -= lastUsersList.remaining();
        share.giveBack(heapCost(lastUsersList));
      }
      long backlog = bytes + frame.remaining() + (long) (frames.size() + 1) * FRAME_OVERHEAD;
      // A client that reads, but that the server is behind in writing to during a burst, may queue
      // more than one that has stopped reading: only the latter is holding memory for no reason.
      if (backlog > softLimit && (stalled() || backlog > hardLimit)) {
        abandon();
        return Added.OVER_LIMIT;
      }
      boolean wasEmpty = frames.isEmpty();
      frames.add(frame);
      grown |= frames.size() > KEPT_FRAMES;
      bytes += frame.remaining();
      lastUsersList = usersList ? frame : null;
      added = wasEmpty ? Added.FIRST : Added.QUEUED;
      if (!share.take(heapCost(frame))) {
        return added;
      }
    }
    // Past the shared budget: outside this queue's lock, as the queues dropped may be any.
    share.relieve();
    return ended() ? Added.ENDED : added;
  }

  /**
   * What a queued frame holds on the heap: its slot, and the frame too unless its bytes are
   * outside the heap, where a broadcast is encoded once for all its recipients.
   */
  static long heapCost(ByteBuffer frame) {
    return FRAME_OVERHEAD + (frame.isDirect() ? 0 : OWN_FRAME_OVERHEAD + frame.capacity());
  }

  /**
   * Queues the last frame this connection will ever carry (a close frame, a refusal), whatever
   * the limits; nothing is taken after it.
   *
   * @return false when the queue had already ended
   */
  synchronized boolean addFinal(ByteBuffer frame) {
    if (ended) {
      return false;
    }
    ended = true;
    finalQueued = true;
    frames.add(frame);
    bytes += frame.remaining();
    lastUsersList = null;
    share.take(heapCost(frame)); // A few bytes, that end the queue: no one need make room for them.
    return true;
  }

  /** Ends the queue and drops what it holds: the connection is going without a goodbye. */
  synchronized void abandon() {
    ended = true;
    finalQueued = false;
    frames.clear();
    headWritten = 0;
    bytes = 0;
    lastUsersList = null;
    share.giveBack(share.held());
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized boolean isEmpty() {
    return frames.isEmpty();
  }

  synchronized boolean ended() {
    return ended;
  }

  /** Whether the final frame has gone out whole; after it, the output may be shut. */
  boolean finalWritten() {
    return finalWritten;
  }

  boolean blocked() {
    return blocked;
  }

  /**
   * Writes what the transport takes. The caller is the only thread writing.
   *
   * @return false when the transport would take no more for now
   */
  boolean writeTo(Transport transport) throws IOException {
    ByteBuffer out = WriteStage.ofThisThread();
    // Whether any write of this pass took bytes: a pass may fill the socket with one stage and be
    // refused at the next, and the peer still read.
    boolean progressed = false;
    while (true) {
      int count;
      ByteBuffer head;
      out.clear();
      synchronized (this) {
        head = frames.peek();
        count = WriteStage.fill(out, frames, headWritten);
        inFlight = count;
      }
      if (count == 0) {
        blocked = false;
        return true;
      }
      out.flip();
      long written = 0;
      boolean emptied = false;
      try {
        written = transport.write(out);
      } finally {
        synchronized (this) {
          inFlight = 0;
          if (!frames.isEmpty() && frames.peek() == head) {
            consume(written, count);
          }
          emptied = frames.isEmpty();
          if (emptied) {
            if (grown) {
              frames = new ArrayDeque<>();
              grown = false;
            }
            lastUsersList = null;
            finalWritten = finalQueued;
          }
        }
      }
      progressed |= written > 0;
      if (out.hasRemaining() || written == 0) {
        if (progressed || !blocked) {
          lastProgress = nanoClock.getAsLong();
        }
        blocked = true;
        return false;
      }
      if (emptied) {
        blocked = false;
        return true;
      }
    }
  }

  /** Lets go of what a write took of the {@code count} frames staged for it. */
  private void consume(long written, int count) {
    long left = headWritten + written;
    long freed = 0;
    int whole = 0;
    while (whole < count && left >= frames.peek().remaining()) {
      left -= frames.peek().remaining();
      freed += heapCost(frames.poll());
      whole++;
    }
    // The first frame left is the first one not written whole, if any was staged.
    headWritten = whole < count ? (int) left : 0;
    share.giveBack(freed);
    // Frames in flight are never replaced, so every byte written was counted here.
    bytes -= written;
  }
}
