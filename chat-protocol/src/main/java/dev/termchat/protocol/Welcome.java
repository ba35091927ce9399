package dev.termchat.protocol;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Extension only: {@code {"messageType":"welcome","data":"termchat.v1","dataArray":["errors"]}},
 * the first frame of a connection that negotiated the extension.
 *
 * <p>A subprotocol echoed in the handshake proves nothing (Node's {@code ws} echoes whatever the
 * client offered first), so a client treats the extension as active only after this frame.
 */
public record Welcome(String protocol, List<String> capabilities) implements ServerFrame {
  public Welcome {
    Objects.requireNonNull(protocol, "protocol");
    capabilities = List.copyOf(capabilities);
  }

  /** The number a capability such as {@code rate=30} carries, if the server named it. */
  public OptionalInt parameter(String capability) {
    return Options.number(capabilities, capability);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.welcome(this);
  }

  @Override
  public String messageType() {
    return Wire.TYPE_WELCOME;
  }
}
