package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only: a message said before the client joined,
 * {@code {"messageType":"history","data":"{\"from\":...,\"id\":\"41\"}"}}, an action with
 * {@code "kind":"action"}; the latest, oldest first, before anything live.
 */
public record History(ChatMessage entry) implements ServerFrame {
  public History {
    Objects.requireNonNull(entry, "entry");
  }

  @Override
  public String messageType() {
    return Wire.TYPE_HISTORY;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.history(this);
  }
}
