package dev.termchat.protocol;

import java.util.List;

/** {@code {"messageType":"users","dataArray":["alice","bob"]}}: everyone online, in join order. */
public record Users(List<String> names) implements ServerFrame {
  public Users {
    names = List.copyOf(names);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.users(this);
  }

  @Override
  public String messageType() {
    return Wire.TYPE_USERS;
  }
}
