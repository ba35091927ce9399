package dev.termchat.client;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Join;

/**
 * The server's answers to the joins a session sent: a join reply puts it in the room; an error
 * that refuses the oldest join unanswered (see {@link RoomFrames}) means the room is asked for no
 * more, on this connection or the next. A room the register listed and the server refused is
 * asked for again at the next connection: the refusal names no room. Each reason is said once
 * for all the rooms it refuses ({@link RoomRefusals}).
 *
 * <p>Runs on the session thread alone, as its parts do.
 */
final class JoinAnswers {
  private final ChatView view;
  private final LineSender lines;
  private final RoomFrames roomFrames;
  private final ChatRooms rooms;
  private final Conversation conversation;
  private final RoomRefusals refusals = new RoomRefusals();

  JoinAnswers(ChatView view, LineSender lines, RoomFrames roomFrames, ChatRooms rooms, Conversation conversation) {
    this.view = view;
    this.lines = lines;
    this.roomFrames = roomFrames;
    this.rooms = rooms;
    this.conversation = conversation;
  }

  /** A new connection: its refusals are news. */
  void opened() {
    refusals.opened();
  }

  /** The server put the session in a room, asked for by a join or by the register. */
  void entered(Join join) {
    roomFrames.entered(WantedRooms.key(join.room()));
    rooms.entered(join);
    sayAlsoRefused();
  }

  /** Whether the error refused a room, a join's or the register's; if so, it has been dealt with. */
  boolean refused(ErrorReply error) {
    boolean refusesARoom = ErrorCode.TOO_MANY_ROOMS.wireName().equals(error.code()) || ErrorCode.INVALID_ROOM.wireName().equals(error.code());
    boolean refusesAJoin =
        refusesARoom
            // A line's refusal has its id, or, to a server without ids, comes while lines wait for
            // their answer; a join sent before them is answered first.
            || (ErrorCode.RATE_LIMITED.wireName().equals(error.code()) && error.clientId() == null && !lines.awaitingAnswers());
    if (refusesAJoin && roomFrames.joinsUnanswered()) {
      String room = roomFrames.refused().orElseThrow();
      rooms.joinRefused(room);
      if (refusals.joinRefused(room, error.reason())) {
        view.serverError(error);
      }
      sayAlsoRefused();
      return true;
    }
    if (refusesARoom) {
      // With no join unanswered, the answer to a room of the register, which came before them.
      if (refusals.registerRoomRefused(error.reason())) {
        view.serverError(error);
      }
      conversation.roomRefused();
      return true;
    }
    return false;
  }

  private void sayAlsoRefused() {
    if (!roomFrames.joinsPending()) {
      refusals.alsoRefused().forEach(view::info);
    }
  }
}
