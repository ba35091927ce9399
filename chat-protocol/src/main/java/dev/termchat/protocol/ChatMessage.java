package dev.termchat.protocol;

import java.util.Objects;

/**
 * A chat message, or an action, as the server broadcasts it. On the wire its fields are a JSON
 * object that is itself carried as a string in {@code data}, as the YewChat client expects:
 * {@code {"messageType":"message","data":"{\"from\":\"alice\",\"message\":\"hi\",...}"}}.
 *
 * @param action whether it is an action, {@code /me waves}: {@code messageType} {@code action},
 *     for extended clients only
 * @param from the sender's registered name
 * @param message the text
 * @param time when the server received it, epoch milliseconds
 * @param address the sender's IP and port, e.g. {@code 127.0.0.1:49123}; {@code null} from servers
 *     that do not send it
 * @param id the server's id for it, increasing in the room's order; {@code null} from servers
 *     that give none
 * @param clientId the id its sender gave it, if any
 */
public record ChatMessage(
    boolean action, String from, String message, long time, String address, String id, String clientId)
    implements ServerFrame {
  public ChatMessage {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(message, "message");
  }

  /** A message as servers without ids send it. */
  public ChatMessage(String from, String message, long time, String address) {
    this(false, from, message, time, address, null, null);
  }

  /**
   * This message as a client of the base protocol gets it, byte for byte as before the
   * extension grew: no ids, and an action as the text that shows it, {@code * alice waves}.
   */
  public ChatMessage forBaseClients() {
    String text = action ? actionText(from, message) : message;
    return new ChatMessage(false, from, text, time, address, null, null);
  }

  /** An action as text, for those who cannot show one: {@code * alice waves}. */
  public static String actionText(String from, String text) {
    return "* " + from + " " + text;
  }

  @Override
  public String messageType() {
    return action ? Wire.TYPE_ACTION : Wire.TYPE_MESSAGE;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.message(this);
  }
}
