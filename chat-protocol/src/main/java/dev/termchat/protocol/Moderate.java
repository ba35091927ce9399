package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only: a moderation request,
 * {@code {"messageType":"moderate","data":"kick","dataArray":["room=#dev","target=bob","reason=flooding"]}}.
 * The server judges it by the sender's role in the room and tells everyone in it a {@link
 * Moderation}, or the sender why not.
 *
 * @param room the room, {@link RoomNames#DEFAULT_ROOM} when the frame names none
 * @param target a name; for a ban an address or a range too; for a delete a message id; {@code null} for mute and unmute
 * @param seconds how long a ban lasts, 0 for no end
 * @param reason why, empty for no reason given
 * @param server whether a ban or unban is for the whole server
 */
public record Moderate(ModerationAct act, String room, String target, long seconds, String reason, boolean server)
    implements ClientFrame {
  public Moderate {
    Objects.requireNonNull(act, "act");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.moderate(this);
  }
}
