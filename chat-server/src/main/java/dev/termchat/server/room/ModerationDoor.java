package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.Moderate;
import java.util.Optional;

/**
 * What a client asks of moderation: each act becomes an event for the log, judged where it is
 * applied ({@link ModerationRules}), each question one answered on this node alone ({@link
 * ModerationQuestions}), or a refusal decided here when its room is no room's. Any thread.
 */
public final class ModerationDoor {
  private final RoomAccess room;

  ModerationDoor(RoomAccess room) {
    this.room = room;
  }

  public void moderate(Member member, Moderate request) {
    if (room.draining()) {
      return;
    }
    Optional<String> name = RoomRequests.room(request.room());
    if (name.isEmpty()) {
      room.reject(member, ErrorCode.INVALID_ROOM, "there is no room " + RoomReplies.quoted(request.room()), null);
      return;
    }
    RoomEvent.Moderate event = new RoomEvent.Moderate(
        member.who(), request.act().wireName(), name.get(), request.target(), request.seconds(), request.reason(), request.server());
    if (request.act().question()) {
      room.reply(member, event); // Answered on this node, from what the log made of it: never logged.
    } else {
      room.append(event);
    }
  }
}
