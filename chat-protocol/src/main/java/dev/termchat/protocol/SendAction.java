package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only: {@code {"messageType":"action","data":"waves"}}, {@code /me waves}, which
 * everyone sees as {@code * alice waves}.
 */
public record SendAction(String text, String clientId) implements ClientFrame {
  public SendAction {
    Objects.requireNonNull(text, "text");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.action(this);
  }
}
