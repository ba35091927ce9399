package dev.termchat.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The frames waiting to be written to one client, in order.
 *
 * <p>Frames are encoded once for all their recipients and queued here as views of the same
 * bytes, so a broadcast copies nothing per recipient; each write takes as many queued
 * frames as the socket takes with one gathering write (writev), so a client that fell behind
 * catches up in few system calls. A users list that is still waiting, last in the queue, is
 * replaced by a newer one rather than queued behind it: a slow client never works through a
 * pile of stale lists.
 *
 * <p>Thread-safe: the room and worker threads add; writing, from whichever thread holds the
 * socket's write lock ({@link GuardedChannel}), takes frames off. Only one thread writes at a
 * time, so the gather array and the frames in flight need no more than that lock.
 */
final class Outbound {
  private static final int MAX_GATHER = 64;

  /** Guarded by this. */
  private final ArrayDeque<ByteBuffer> frames = new ArrayDeque<>();
  /** Bytes in {@link #frames} not yet written. Guarded by this. */
  private long bytes;
  /** Bytes written since the start. Guarded by this. */
  private long writtenTotal;
  /** The last frame queued, when it is a users list. Guarded by this. */
  private ByteBuffer lastUsersList;
  /** How many frames at the head are being written now. Guarded by this. */
  private int inFlight;
  /** Whether the last write left bytes over: the peer's kernel buffer is full. */
  private volatile boolean blocked;

  /** Scratch for gathering writes. Guarded by the socket's write lock. */
  private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];

  /**
   * Queues a frame.
   *
   * @param usersList whether it is a users list, which a newer one may replace while it waits
   * @return whether the queue was empty before, so the caller must ask for a write
   */
  synchronized boolean add(ByteBuffer frame, boolean usersList) {
    if (usersList
        && lastUsersList != null
        && frames.size() > inFlight
        && frames.peekLast() == lastUsersList
        && lastUsersList.position() == 0) {
      frames.pollLast();
      bytes -= lastUsersList.remaining();
    }
    boolean wasEmpty = frames.isEmpty();
    frames.add(frame);
    bytes += frame.remaining();
    lastUsersList = usersList ? frame : null;
    return wasEmpty;
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized long written() {
    return writtenTotal;
  }

  synchronized boolean isEmpty() {
    return frames.isEmpty();
  }

  boolean blocked() {
    return blocked;
  }

  /** Drops everything: the connection is closing. */
  synchronized void clear() {
    frames.clear();
    bytes = 0;
    lastUsersList = null;
  }

  /**
   * Writes what the socket takes. The caller holds the socket's write lock.
   *
   * @return false when the socket would take no more for now
   */
  boolean writeTo(ByteChannel channel) throws IOException {
    while (true) {
      int count;
      synchronized (this) {
        count = 0;
        for (ByteBuffer frame : frames) {
          if (count == MAX_GATHER) {
            break;
          }
          gather[count++] = frame;
        }
        inFlight = count;
      }
      if (count == 0) {
        blocked = false;
        return true;
      }
      long written = 0;
      try {
        written = write(channel, count);
      } finally {
        synchronized (this) {
          inFlight = 0;
          for (int done = 0; done < count && !gather[done].hasRemaining(); done++) {
            frames.poll();
          }
          // Frames in flight are never replaced, so every byte written was counted here.
          bytes -= written;
          writtenTotal += written;
          if (frames.isEmpty()) {
            lastUsersList = null;
          }
        }
      }
      boolean tookEverything = !gather[count - 1].hasRemaining();
      Arrays.fill(gather, 0, count, null);
      if (!tookEverything || written == 0) {
        blocked = true;
        return false;
      }
    }
  }

  private long write(ByteChannel channel, int count) throws IOException {
    if (channel instanceof GatheringByteChannel gathering) {
      return gathering.write(gather, 0, count);
    }
    // A TLS channel encrypts one buffer at a time.
    long written = 0;
    for (int i = 0; i < count; i++) {
      written += channel.write(gather[i]);
      if (gather[i].hasRemaining()) {
        break;
      }
    }
    return written;
  }
}
