package dev.termchat.protocol;

import java.util.Objects;

/**
 * A chat message as the server broadcasts it. On the wire the four fields are a JSON object that
 * is itself carried as a string in {@code data}, as the YewChat client expects:
 * {@code {"messageType":"message","data":"{\"from\":\"alice\",\"message\":\"hi\",...}"}}.
 *
 * @param from the sender's registered name
 * @param message the text
 * @param time when the server received it, epoch milliseconds
 * @param address the sender's IP and port, e.g. {@code 127.0.0.1:49123}; {@code null} from servers
 *     that do not send it
 */
public record ChatMessage(String from, String message, long time, String address)
    implements ServerFrame {
  public ChatMessage {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String messageType() {
    return Wire.TYPE_MESSAGE;
  }
}
