package dev.termchat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_PRESENCE}: who joined or left, in the order
 * they did, as {@code {"messageType":"joined","dataArray":["bob","carol"]}} or
 * {@code {"messageType":"left","dataArray":["bob"]}}, sent just before the users list that
 * reflects them. A client that gets these need not work out joins and leaves by comparing lists,
 * which misses someone who came and went between two lists.
 *
 * @param joined true for joins, false for leaves
 * @param names who, in order
 */
public record Presence(boolean joined, List<String> names) implements ServerFrame {
  public Presence {
    Objects.requireNonNull(names, "names");
    names = List.copyOf(names);
  }

  public static Presence joined(List<String> names) {
    return new Presence(true, names);
  }

  public static Presence left(List<String> names) {
    return new Presence(false, names);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.presence(this);
  }

  @Override
  public String messageType() {
    return joined ? Wire.TYPE_JOINED : Wire.TYPE_LEFT;
  }
}
