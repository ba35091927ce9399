package dev.termchat.protocol;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code {"messageType":"register","data":"alice"}}.
 *
 * <p>From a client: the name it asks for; {@code null} or blank asks the server for a guest name.
 * From the server: the name the client was given, which may differ from the one asked for
 * (existing clients ignore a register frame from the server), also after a {@code /nick}.
 *
 * <p>Extension only, {@link Options} in {@code dataArray}: a client may add {@code history=N},
 * {@code resume=ID} and {@code token=T}; the server's reply carries {@code token=T}, the secret
 * with which the client reclaims its name after its connection drops, and {@code at=ID}, the
 * position it joined at, to resume after when it has seen no message since.
 *
 * @param options {@code key=value} strings; empty for the base protocol
 */
public record Register(String name, List<String> options) implements ClientFrame, ServerFrame {
  public Register {
    options = List.copyOf(options);
  }

  public Register(String name) {
    this(name, List.of());
  }

  public OptionalInt history() {
    return Options.number(options, Wire.OPTION_HISTORY);
  }

  public Optional<String> resumeAfter() {
    return Options.value(options, Wire.OPTION_RESUME);
  }

  /** In the server's reply: the position the client joined at. */
  public Optional<String> joinedAt() {
    return Options.value(options, Wire.OPTION_JOINED_AT);
  }

  /**
   * From a client: whether it is a rooms client ({@code rooms=}, listing the rooms to be in, none
   * or more).
   */
  public boolean asksForRooms() {
    return Options.value(options, Wire.OPTION_ROOMS).isPresent();
  }

  public Optional<String> token() {
    return Options.value(options, Wire.OPTION_TOKEN);
  }

  @Override
  public String messageType() {
    return Wire.TYPE_REGISTER;
  }

  @Override
  public <R> R accept(ClientFrame.Visitor<R> visitor) {
    return visitor.register(this);
  }

  @Override
  public <R> R accept(ServerFrame.Visitor<R> visitor) {
    return visitor.register(this);
  }
}
