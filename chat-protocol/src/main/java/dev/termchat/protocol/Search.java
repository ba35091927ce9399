package dev.termchat.protocol;

import java.util.Objects;

/**
 * Extension only, capability {@value Wire#CAPABILITY_SEARCH}: a client asking for the messages of a
 * room that hold all of some words,
 * {@code {"messageType":"search","data":"{\"room\":\"#dev\",\"words\":\"deploy friday\",\"limit\":20}"}}.
 * The answer is a {@link SearchHits}.
 *
 * @param room the room, or {@code null} for {@link RoomNames#DEFAULT_ROOM}
 * @param words as a person typed them: words, never a query language
 * @param limit how many at most, as the client asked; the server takes at most {@link
 *     Wire#MAX_SEARCH_HITS}
 */
public record Search(String room, String words, int limit) implements ClientFrame {
  public Search {
    Objects.requireNonNull(words, "words");
    if (limit < 1) {
      throw new IllegalArgumentException("a limit of at least 1, not " + limit);
    }
  }

  /** The room asked for, the default room when none is named. */
  public String roomOrDefault() {
    return Objects.requireNonNullElse(room, RoomNames.DEFAULT_ROOM);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.search(this);
  }
}
