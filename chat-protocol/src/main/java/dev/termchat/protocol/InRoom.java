package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_ROOMS}: a frame of one room as a rooms client
 * gets it, naming the room. Other clients are in {@link RoomNames#DEFAULT_ROOM} alone and get the
 * frame itself, as before there were rooms.
 *
 * <p>On the wire the room is where each frame has room for it: a field of a message's, action's
 * or history entry's object ({@code "room":"#dev"}), the {@code data} of {@code users},
 * {@code joined}, {@code left} and {@code renamed} (which have none otherwise), an option of
 * {@code resumed} ({@code room=#dev}).
 *
 * @param frame a {@link ChatMessage}, {@link History}, {@link Users}, {@link Presence},
 *     {@link Renamed} or {@link Resumed}
 */
public record InRoom(String room, ServerFrame frame) implements ServerFrame {
  public InRoom {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(frame, "frame");
    if (!isOfARoom(frame)) {
      throw new IllegalArgumentException("not a frame of a room: " + frame.messageType());
    }
  }

  /** Whether a frame belongs to one room, and so is sent to rooms clients inside an {@link InRoom}. */
  public static boolean isOfARoom(ServerFrame frame) {
    return frame instanceof ChatMessage
        || frame instanceof History
        || frame instanceof Users
        || frame instanceof Presence
        || frame instanceof Renamed
        || frame instanceof Resumed;
  }

  @Override
  public String messageType() {
    return frame.messageType();
  }

  /** Never for a base client, though a users list in a room has a base type. */
  @Override
  public boolean isBase() {
    return false;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.inRoom(this);
  }
}
