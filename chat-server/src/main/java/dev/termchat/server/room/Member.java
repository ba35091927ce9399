package dev.termchat.server.room;

import dev.termchat.server.wire.OutgoingFrame;

/**
 * What the room needs of one client connection on this node: where to queue the frames meant
 * for it. The WebSocket edge implements it for real sockets; tests implement it with queues.
 *
 * <p>The room calls these on its own thread only, and they never block.
 */
public interface Member {
  /** The connection, as room events name it. */
  Who who();

  /** The peer's IP address and port, e.g. {@code 127.0.0.1:49123}. */
  String address();

  /** What the client understands; it may turn from base to plain text before it registers. */
  Dialect dialect();

  /**
   * Queues a frame without writing it. A member that cannot take it (closing, or too far behind)
   * drops it and sees to its own departure.
   *
   * @return whether {@link #flush} must follow: the queue had been empty
   */
  boolean enqueue(OutgoingFrame frame);

  /** Writes what is queued, as far as the connection takes it now. */
  void flush();

  /** The room registered this member under a name, or renamed it. */
  void registeredAs(String name);

  /**
   * Another connection resumed this member's session with its token: the room let this member go
   * and will queue nothing more for it; it closes with
   * {@link dev.termchat.protocol.Wire#CLOSE_RESUMED_ELSEWHERE} after what is queued.
   */
  void replaced();

  /**
   * A moderator took this member out of the server or of the only room it is in: the room lets
   * it go ({@link #left} follows), and it closes with this code and reason after what is queued.
   */
  default void removed(int code, String reason) {}

  /**
   * The room applied this member's departure, its last event: everything the room had for it is
   * queued, and nothing more will be.
   */
  void left();
}
