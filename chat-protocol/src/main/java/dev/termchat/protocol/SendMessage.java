package dev.termchat.protocol;

import java.util.Objects;

/** {@code {"messageType":"message","data":"hello"}}: a client's chat line for everyone. */
public record SendMessage(String text) implements ClientFrame {
  public SendMessage {
    Objects.requireNonNull(text, "text");
  }
}
