package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only: a private message as its sender and its recipient see it,
 * {@code {"messageType":"private","data":"{\"from\":\"alice\",\"to\":\"bob\",\"message\":...}"}}.
 */
public record PrivateChat(String from, String to, String message, long time, String id, String clientId)
    implements ServerFrame {
  public PrivateChat {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String messageType() {
    return Wire.TYPE_PRIVATE;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.privateChat(this);
  }
}
