package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only: {@code {"messageType":"private","data":"psst","dataArray":["to=bob"]}}, a
 * message for one person, who alone sees it, with the sender.
 */
public record SendPrivate(String to, String text, String clientId) implements ClientFrame {
  public SendPrivate {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.privateMessage(this);
  }
}
