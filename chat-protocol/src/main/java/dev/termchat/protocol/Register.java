package dev.termchat.protocol;

/**
 * {@code {"messageType":"register","data":"alice"}}.
 *
 * <p>From a client: the name it asks for; {@code null} or blank asks the server for a guest name.
 * From the server: the name the client was given, which may differ from the one asked for
 * (existing clients ignore a register frame from the server).
 */
public record Register(String name) implements ClientFrame, ServerFrame {
  @Override
  public String messageType() {
    return Wire.TYPE_REGISTER;
  }
}
