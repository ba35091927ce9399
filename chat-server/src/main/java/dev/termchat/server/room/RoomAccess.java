package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;

/**
 * How the room's doors ({@link RoomDoor}, {@link Intake}) reach it, without opening the rest of
 * it to every caller. Any thread.
 */
interface RoomAccess {
  /** Whether the room is shutting down: it takes no more. */
  boolean draining();

  /** Appends an event to the log; false when the log could not take it. */
  boolean append(RoomEvent event);

  /** Tells the member that a frame of its was refused, in the order of its frames. */
  void reject(Member member, ErrorCode code, String reason, String clientId);

  /** Answers the member on this node, in the order of its frames, without the log. */
  void reply(Member member, RoomEvent local);

  /** Events waiting for the room's thread. */
  int backlog();

  /** Characters of message text waiting for the room's thread. */
  long waitingChars();
}
