package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_SCROLLBACK}: a client asking for the messages
 * of a room said before one it has,
 * {@code {"messageType":"scrollback","data":"{\"room\":\"#dev\",\"before\":\"ID\",\"limit\":100}"}}
 * (anchor: IRCv3 {@code CHATHISTORY BEFORE}). The answer is a {@link ScrollbackPage}.
 *
 * @param room the room, or {@code null} for {@link RoomNames#DEFAULT_ROOM}
 * @param before the id of the oldest message the client has, or {@code null} for the newest
 * @param limit how many at most, as the client asked; the server takes at most {@link
 *     Wire#MAX_SCROLLBACK}
 */
public record Scrollback(String room, String before, int limit) implements ClientFrame {
  public Scrollback {
    if (limit < 1) {
      throw new IllegalArgumentException("a limit of at least 1, not " + limit);
    }
  }

  /** The room asked for, the default room when none is named. */
  public String roomOrDefault() {
    return Objects.requireNonNullElse(room, RoomNames.DEFAULT_ROOM);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.scrollback(this);
  }
}
