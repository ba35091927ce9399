package dev.termchat.protocol;

/** Extension only: {@code {"messageType":"nick","data":"alice2"}}, take a new name. */
public record Nick(String name) implements ClientFrame {
  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.nick(this);
  }
}
