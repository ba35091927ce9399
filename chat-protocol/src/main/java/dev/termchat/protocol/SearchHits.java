package dev.termchat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_SEARCH}: the answer to a {@link Search},
 * {@code {"messageType":"search","data":"{\"room\":\"#dev\",\"words\":\"deploy\",\"hits\":[{...}]}"}}.
 *
 * @param room the room searched
 * @param words the words searched for, as the client gave them
 * @param hits best first
 */
public record SearchHits(String room, String words, List<Hit> hits) implements ServerFrame {
  public SearchHits {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(words, "words");
    hits = List.copyOf(hits);
  }

  /**
   * A message found.
   *
   * @param room the room's name as it was shown when the message was said
   * @param marks where the words matched in the message's text, in order
   */
  public record Hit(String room, ChatMessage message, List<Mark> marks) {
    public Hit {
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(message, "message");
      marks = List.copyOf(marks);
    }
  }

  /** Characters (UTF-16 units, as JavaScript counts them) {@code start} inclusive to {@code end} exclusive. */
  public record Mark(int start, int end) {
    public Mark {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("a mark from " + start + " to " + end);
      }
    }
  }

  @Override
  public String messageType() {
    return Wire.TYPE_SEARCH;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.searchHits(this);
  }
}
