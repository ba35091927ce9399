package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only: {@code {"messageType":"action","data":"waves"}}, {@code /me waves}, which
 * everyone sees as {@code * alice waves}.
 *
 * @param room the room it is for ({@code ["room=#dev"]}), or {@code null} for {@link
 *     RoomNames#DEFAULT_ROOM}: rooms clients only
 */
public record SendAction(String text, String clientId, String room) implements ClientFrame {
  public SendAction {
    Objects.requireNonNull(text, "text");
  }

  /** An action without a room: for the default room. */
  public SendAction(String text, String clientId) {
    this(text, clientId, null);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.action(this);
  }
}
