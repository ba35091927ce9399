package dev.termchat.protocol;

/**
 * Extension only, capability {@value Wire#CAPABILITY_ROOMS}: {@code {"messageType":"list"}}, a
 * client asking which rooms there are; the answer is a {@link RoomList}.
 */
public record ListRooms() implements ClientFrame {
  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.list(this);
  }
}
