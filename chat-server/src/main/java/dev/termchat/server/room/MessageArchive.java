package dev.termchat.server.room;

import dev.termchat.protocol.ChatMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a server keeps of what was said, beyond the rooms' histories in memory: the store on disk
 * of a server on its own, a cluster's streams, or nothing. It answers scrollback and search off
 * the room's thread, since a query may take milliseconds that the room must not wait for.
 *
 * <p>Rooms are named by their key ({@code RoomNames.keyOf}), as one room is whatever the shape
 * of its name. Ids are the log's, as the messages carried them when they were said.
 */
public interface MessageArchive {
  /**
   * At most {@code limit} messages of a room said before the one with id {@code before}, oldest
   * first: the page a client scrolling back asks for.
   *
   * @param before the id of the oldest message the client has; {@code null} for the newest
   */
  CompletableFuture<Page> before(String roomKey, String before, int limit);

  /**
   * At most {@code limit} messages of a room that hold all of these words, best matches first.
   *
   * @param words as a person typed them; the archive takes them as words, never as a query
   *     language, so no input is an error of the archive's
   */
  CompletableFuture<List<Hit>> search(String roomKey, String words, int limit);

  /** Whether {@link #search} is served: false where there is nothing to search but memory. */
  boolean searches();

  /**
   * A message of the default room as the room said it, under the name the room knew its sender
   * by, which the log's event does not carry: for an archive that keeps what was said apart from
   * the log. On the room thread; must not block. Made rooms' lines carry their names, and are
   * kept from the log.
   */
  default void said(ChatMessage message) {}

  /**
   * @param messages oldest first
   * @param more whether older messages are kept than the oldest given
   */
  record Page(List<ChatMessage> messages, boolean more) {}

  /**
   * A message found, with where in its text the words matched.
   *
   * @param room the room's name as it was shown when the message was said
   * @param marks where the words matched in the message's text, in order
   */
  record Hit(String room, ChatMessage message, List<Mark> marks) {}

  /** Characters {@code start} (inclusive) to {@code end} (exclusive) of a message's text. */
  record Mark(int start, int end) {}

  /** Nothing kept beyond memory: every page is empty, and search is not served. */
  MessageArchive NONE =
      new MessageArchive() {
        @Override
        public CompletableFuture<Page> before(String roomKey, String before, int limit) {
          return CompletableFuture.completedFuture(new Page(List.of(), false));
        }

        @Override
        public CompletableFuture<List<Hit>> search(String roomKey, String words, int limit) {
          return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public boolean searches() {
          return false;
        }
      };
}
