package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only: a private message as its sender and its recipient see it,
 * {@code {"messageType":"private","data":"{\"from\":\"alice\",\"to\":\"bob\",\"message\":...}"}}.
 *
 * @param kept in the echo to its sender only: the recipient is offline, and the message is kept
 *     for their account's next login ({@code "kept":true})
 */
public record PrivateChat(String from, String to, String message, long time, String id, String clientId, boolean kept)
    implements ServerFrame {
  /** A message delivered as it is said. */
  public PrivateChat(String from, String to, String message, long time, String id, String clientId) {
    this(from, to, message, time, id, clientId, false);
  }

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
