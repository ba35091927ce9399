package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only, with the presence capability: someone took a new name,
 * {@code {"messageType":"renamed","dataArray":["alice","alicia"]}}, just before the users list
 * that shows it.
 */
public record Renamed(String from, String to) implements ServerFrame {
  public Renamed {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  @Override
  public String messageType() {
    return Wire.TYPE_RENAMED;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.renamed(this);
  }
}
