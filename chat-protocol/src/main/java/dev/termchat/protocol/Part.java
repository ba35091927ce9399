package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_ROOMS}:
 * {@code {"messageType":"part","data":"#dev"}}. From a rooms client: leave the room. From the
 * server: the client is no longer in it.
 */
public record Part(String room) implements ClientFrame, ServerFrame {
  public Part {
    Objects.requireNonNull(room, "room");
  }

  @Override
  public String messageType() {
    return Wire.TYPE_PART;
  }

  @Override
  public <R> R accept(ClientFrame.Visitor<R> visitor) {
    return visitor.part(this);
  }

  @Override
  public <R> R accept(ServerFrame.Visitor<R> visitor) {
    return visitor.part(this);
  }
}
