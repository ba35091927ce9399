package dev.termchat.client;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Printable;
import java.util.List;

/**
 * The server's answers to the joins a session sent: a join reply puts it in the room; an error
 * that refuses the oldest join unanswered (see {@link RoomFrames}) means the room is asked for no
 * more, on this connection or the next, and one too many rooms is said once for all it refuses.
 *
 * <p>Runs on the session thread alone, as its parts do.
 */
final class JoinAnswers {
  private final ChatView view;
  private final LineSender lines;
  private final RoomFrames roomFrames;
  private final ChatRooms rooms;

  JoinAnswers(ChatView view, LineSender lines, RoomFrames roomFrames, ChatRooms rooms) {
    this.view = view;
    this.lines = lines;
    this.roomFrames = roomFrames;
    this.rooms = rooms;
  }

  /** The server put the session in a room, asked for by a join or by the register. */
  void entered(Join join) {
    roomFrames.entered(WantedRooms.key(join.room()));
    rooms.entered(join);
    sayAlsoRefused();
  }

  /** Whether the error refused the oldest join unanswered; if so, it has been dealt with. */
  boolean refused(ErrorReply error) {
    boolean tooMany = ErrorCode.TOO_MANY_ROOMS.wireName().equals(error.code());
    boolean refusesAJoin =
        tooMany
            || ErrorCode.INVALID_ROOM.wireName().equals(error.code())
            // A line's refusal has its id, or, to a server without ids, comes while lines wait for
            // their answer; a join sent before them is answered first.
            || (ErrorCode.RATE_LIMITED.wireName().equals(error.code()) && error.clientId() == null && !lines.awaitingAnswers());
    if (!refusesAJoin || !roomFrames.joinsUnanswered()) {
      return false;
    }
    String room = roomFrames.refused().orElseThrow();
    rooms.joinRefused(room);
    if (!tooMany || roomFrames.tooMany(room)) {
      view.serverError(error);
    }
    sayAlsoRefused();
    return true;
  }

  private void sayAlsoRefused() {
    List<String> also = roomFrames.alsoRefused();
    if (!also.isEmpty()) {
      view.info("not joined either, for the same reason: " + Printable.escape(String.join(", ", also)));
    }
  }
}
