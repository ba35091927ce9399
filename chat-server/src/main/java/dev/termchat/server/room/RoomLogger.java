package dev.termchat.server.room;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room's one logger, named as operators know it ("ChatRoom") whichever part of the room
 * writes the line; by name rather than by class, so no part depends on the room's public face.
 */
final class RoomLogger {
  static final Logger LOG = LoggerFactory.getLogger("dev.termchat.server.room.ChatRoom");

  private RoomLogger() {}
}
