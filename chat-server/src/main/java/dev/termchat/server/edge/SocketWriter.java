package dev.termchat.server.edge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one owner of a connection's outgoing bytes: the handshake's answer, chat frames, pings,
 * pongs and the close frame all go through its {@link Outbound}, in order, within one limit, and
 * it alone writes them to the transport.
 *
 * <p>Threads: any thread queues; the room thread writes what it queued ({@link #flush}), the I/O
 * thread what the socket would not take before. Writes from two threads never overlap: whoever
 * finds others writing leaves its frames to them. TLS is written on the I/O thread only.
 */
final class SocketWriter {
  /** What the writer tells the connection, on the I/O thread. */
  interface Events {
    /** The socket failed: the queue is abandoned. */
    void writeFailed(IOException e);

    /** The final frame (a close frame, an HTTP answer) has gone out whole. */
    void finalFrameWritten();

    /** The queue is past its limit, and has ended: the client does not read. */
    void tooSlow();
  }

  private final Outbound outbound;
  private final Transport transport;
  private final IoSlot slot;
  private final Events events;
  /** Threads that want to write now; only the one that made it non-zero writes. */
  private final AtomicInteger writers = new AtomicInteger();
  /** Whether the selector is asked for write readiness. Confined to the I/O thread. */
  private boolean watchingWrites;

  SocketWriter(Outbound outbound, Transport transport, IoSlot slot, Events events) {
    this.outbound = outbound;
    this.transport = transport;
    this.slot = slot;
    this.events = events;
  }

  /**
   * Queues a frame for the room, which flushes once its batch is queued.
   *
   * @return whether the caller must flush: the frame went into an empty queue
   */
  boolean enqueue(ByteBuffer frame, boolean usersList) {
    return switch (outbound.add(frame, usersList)) {
      case FIRST -> true;
      case QUEUED, ENDED -> false;
      case OVER_LIMIT -> {
        slot.runOnIoThread(events::tooSlow);
        yield false;
      }
    };
  }

  /** Queues a frame of the edge's own (a pong, a ping) and sees that it is written. */
  void send(ByteBuffer frame) {
    if (enqueue(frame, false)) {
      flush();
    }
  }

  /** Queues a frame to go out with what follows it, in one write: the handshake's answer. */
  void queue(ByteBuffer frame) {
    outbound.add(frame, false);
  }

  /** Queues the last bytes the connection will carry, whatever the limits, and writes them. */
  void sendFinal(ByteBuffer frame) {
    outbound.addFinal(frame);
    flush();
  }

  /**
   * Writes what is queued, on this thread, as far as the socket takes it, unless another thread
   * is writing, which then writes this thread's frames too. What the socket does not take waits
   * for the I/O thread to see it writable.
   */
  void flush() {
    if (!transport.writableFromAnyThread() && !slot.onIoThread()) {
      slot.execute(this::flush);
      return;
    }
    if (writers.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      writeQueued();
      missed = writers.addAndGet(-missed);
    } while (missed != 0);
  }

  private void writeQueued() {
    boolean done;
    try {
      done = outbound.writeTo(transport);
    } catch (IOException e) {
      outbound.abandon();
      slot.runOnIoThread(() -> events.writeFailed(e));
      return;
    }
    if (!done) {
      slot.runOnIoThread(this::watchWrites);
    } else if (outbound.finalWritten()) {
      slot.runOnIoThread(events::finalFrameWritten);
    }
  }

  /** The socket takes bytes again. On the I/O thread. */
  void onWritable() {
    watchingWrites = false;
    slot.watchWrites(false);
    try {
      if (transport.hasPendingOutput()) {
        transport.writePending();
      }
    } catch (IOException e) {
      events.writeFailed(e);
      return;
    }
    flush();
    if (transport.hasPendingOutput()) {
      watchWrites(); // TLS still handshaking, or still holding bytes of its own
    }
  }

  private void watchWrites() {
    if (!watchingWrites) {
      watchingWrites = true;
      slot.watchWrites(true);
    }
  }

  /** Drops what is queued and takes nothing more: the connection goes without a goodbye. */
  void abandon() {
    outbound.abandon();
  }

  /** Whether the queue has ended and emptied: the connection is gone or going. */
  boolean gone() {
    return outbound.ended() && outbound.isEmpty();
  }

  long queuedBytes() {
    return outbound.bytes();
  }
}
