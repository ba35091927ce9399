package dev.termchat.protocol;

import java.util.Objects;

/**
 * {@code {"messageType":"message","data":"hello"}}: a client's chat line for everyone.
 *
 * @param clientId the client's own id for the line ({@code dataArray} {@code ["id=c7"]}), or
 *     {@code null}: extension only
 */
public record SendMessage(String text, String clientId) implements ClientFrame {
  public SendMessage {
    Objects.requireNonNull(text, "text");
  }

  public SendMessage(String text) {
    this(text, null);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.message(this);
  }
}
