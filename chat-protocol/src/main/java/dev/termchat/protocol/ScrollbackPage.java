package dev.termchat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_SCROLLBACK}: the answer to a {@link
 * Scrollback},
 * {@code {"messageType":"scrollback","data":"{\"room\":\"#dev\",\"more\":true,\"messages\":[{...}]}"}},
 * each message as a history entry is.
 *
 * @param room the room they were said in
 * @param messages oldest first
 * @param more whether older messages are kept than the oldest given: ask again before it
 */
public record ScrollbackPage(String room, List<ChatMessage> messages, boolean more) implements ServerFrame {
  public ScrollbackPage {
    Objects.requireNonNull(room, "room");
    messages = List.copyOf(messages);
  }

  @Override
  public String messageType() {
    return Wire.TYPE_SCROLLBACK;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.scrollbackPage(this);
  }
}
