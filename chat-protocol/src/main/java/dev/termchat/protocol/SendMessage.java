package dev.termchat.protocol;

import java.util.Objects;

/**
 * {@code {"messageType":"message","data":"hello"}}: a client's chat line for everyone.
 *
 * @param clientId the client's own id for the line ({@code dataArray} {@code ["id=c7"]}), or
 *     {@code null}: extension only
 * @param room the room it is for ({@code dataArray} {@code ["room=#dev"]}), or {@code null} for
 *     {@link RoomNames#DEFAULT_ROOM}: rooms clients only
 */
public record SendMessage(String text, String clientId, String room) implements ClientFrame {
  public SendMessage {
    Objects.requireNonNull(text, "text");
  }

  /** A line without a room: for the default room, as every line of a base client. */
  public SendMessage(String text, String clientId) {
    this(text, clientId, null);
  }

  public SendMessage(String text) {
    this(text, null);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.message(this);
  }
}
