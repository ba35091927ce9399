package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.Scrollback;
import dev.termchat.protocol.Search;
import java.util.Optional;

/**
 * What an extended client asks of what was said: the messages of a room before one it has, and
 * the messages that hold some words. A name that is no room's is refused here; whether the client
 * is in the room is judged on the room thread, in the order of its frames. Any thread.
 */
public final class RoomRecall {
  private final RoomAccess room;
  private final MessageArchive archive;
  private final boolean keepsHistory;

  RoomRecall(RoomAccess room, MessageArchive archive, boolean keepsHistory) {
    this.room = room;
    this.archive = archive;
    this.keepsHistory = keepsHistory;
  }

  /** Whether scrollback is served: the room keeps a history, or something keeps more. */
  public boolean scrollsBack() {
    return keepsHistory || archive != MessageArchive.NONE;
  }

  /**
   * Whether search is served: over what the archive keeps, or else over the rooms' histories in
   * memory, when the room keeps one.
   */
  public boolean searches() {
    return archive.searches() || keepsHistory;
  }

  public void scrollback(Member member, Scrollback asked) {
    roomOf(member, asked.roomOrDefault(), "no history sent")
        .ifPresent(name -> room.reply(member, new RoomEvent.Scrollback(member.who(), name, asked.before(), asked.limit())));
  }

  public void search(Member member, Search asked) {
    roomOf(member, asked.roomOrDefault(), "not searched")
        .ifPresent(name -> room.reply(member, new RoomEvent.Search(member.who(), name, asked.words(), asked.limit())));
  }

  private Optional<String> roomOf(Member member, String requested, String outcome) {
    Optional<String> name = RoomRequests.room(requested);
    if (name.isEmpty()) {
      room.reject(member, ErrorCode.NOT_IN_ROOM, "you are not in " + RoomReplies.quoted(RoomRequests.bounded(requested)) + "; " + outcome, null);
    }
    return name;
  }
}
