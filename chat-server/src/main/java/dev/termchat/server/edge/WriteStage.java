package dev.termchat.server.edge;

import java.nio.ByteBuffer;

/**
 * Where a write's bytes are put together before one system call: a direct buffer for each
 * writing thread rather than for each connection, as a thread writes to one connection at a
 * time, and an idle connection should hold as little as it can. Copying a queue's frames here
 * allocates nothing, where a view of each frame for a gathering write would make garbage for
 * every delivery, and with it the collector's pauses that a fan-out's latency feels.
 */
final class WriteStage {
  /** What one write takes at most. */
  static final int BYTES = 64 * 1024;

  private static final ThreadLocal<ByteBuffer> STAGE = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BYTES));

  private WriteStage() {}

  /** This thread's stage. */
  static ByteBuffer ofThisThread() {
    return STAGE.get();
  }

  /**
   * Copies frames, from byte {@code skip} of the first, into the stage as far as they fit,
   * leaving every frame's position as it is: a frame is shared with other connections, which
   * other threads may be writing at the same time.
   *
   * @return how many frames it took, the last maybe in part
   */
  static int fill(ByteBuffer stage, Iterable<ByteBuffer> frames, int skip) {
    int count = 0;
    int from = skip;
    for (ByteBuffer frame : frames) {
      if (!stage.hasRemaining()) {
        break;
      }
      int start = frame.position() + from;
      int length = Math.min(frame.limit() - start, stage.remaining());
      stage.put(stage.position(), frame, start, length);
      stage.position(stage.position() + length);
      from = 0;
      count++;
    }
    return count;
  }
}
