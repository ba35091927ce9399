package dev.termchat.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Extension only, capability {@value Wire#CAPABILITY_ROOMS}:
 * {@code {"messageType":"join","data":"#dev","dataArray":["history=20"]}}.
 *
 * <p>From a rooms client: join the room, making it if no one is in it. From the server: the client
 * is in the room (under the room's name as the room spells it), and its {@code at=ID} is where the
 * client joined, to resume after; the room's topic, history and members follow.
 *
 * @param options {@code key=value} strings: {@code history=N} from a client, {@code at=ID} from
 *     the server
 */
public record Join(String room, List<String> options) implements ClientFrame, ServerFrame {
  public Join {
    Objects.requireNonNull(room, "room");
    options = List.copyOf(options);
  }

  public Join(String room) {
    this(room, List.of());
  }

  /** From a client: how many earlier messages of the room it wants. */
  public OptionalInt history() {
    return Options.number(options, Wire.OPTION_HISTORY);
  }

  /** From the server: where the client joined, an id in the order of the room's message ids. */
  public Optional<String> joinedAt() {
    return Options.value(options, Wire.OPTION_JOINED_AT);
  }

  @Override
  public String messageType() {
    return Wire.TYPE_JOIN;
  }

  @Override
  public <R> R accept(ClientFrame.Visitor<R> visitor) {
    return visitor.join(this);
  }

  @Override
  public <R> R accept(ServerFrame.Visitor<R> visitor) {
    return visitor.join(this);
  }
}
