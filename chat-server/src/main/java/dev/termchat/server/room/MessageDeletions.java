package dev.termchat.server.room;

/**
 * Where a deleted message is taken out of beyond the room's memory: the store of a server on its
 * own (its row, search index and log entry), or a cluster's streams. Told on the room thread, in
 * the log's order; an implementation that blocks does so elsewhere.
 */
public interface MessageDeletions extends AutoCloseable {
  MessageDeletions NONE = (roomKey, id) -> {};

  /** The message with this id, if it is of this room (by its name's key), is deleted. */
  void deleted(String roomKey, String id);

  /** Finishes the deletions taken, after the room's last. */
  @Override
  default void close() {}
}
