package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_ROOMS}:
 * {@code {"messageType":"topic","data":"release on Friday","dataArray":["room=#dev"]}}, a client
 * setting a room's topic; empty text clears it. Everyone in the room gets the {@link Topic}.
 */
public record SetTopic(String room, String topic) implements ClientFrame {
  public SetTopic {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(topic, "topic");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.topic(this);
  }
}
