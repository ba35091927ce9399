package dev.termchat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a deleted message out of the store: its row, its words from the search index (FTS5's
 * {@code 'delete'} command, given the text it indexed, as retention does), and its log entry, so
 * that neither a search, a scrollback nor a restart's replay brings it back. On the writer's
 * thread and connection, after whatever was written before, so a message just said is there to
 * be deleted.
 */
final class MessageDeletion {
  private static final Logger log = LoggerFactory.getLogger(MessageDeletion.class);

  private MessageDeletion() {}

  /**
   * Deletes the message numbered {@code seq}, if it is of this room, in one transaction; a
   * failure is logged and rolled back.
   */
  static void delete(Connection connection, long seq, String roomKey) {
    try (PreparedStatement unindex = connection.prepareStatement(
            MessageRows.UNINDEX + " AND room = ?");
        PreparedStatement entry = connection.prepareStatement(
            "DELETE FROM entries WHERE seq = (SELECT seq FROM messages WHERE seq = ? AND room = ?)");
        PreparedStatement row = connection.prepareStatement("DELETE FROM messages WHERE seq = ? AND room = ?")) {
      for (PreparedStatement statement : new PreparedStatement[] {unindex, entry, row}) {
        statement.setLong(1, seq);
        statement.setString(2, roomKey);
        statement.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      log.warn("Could not delete message {} from the store; it stays there, though no one is shown it until a restart: {}", seq, e.toString());
      try {
        connection.rollback();
      } catch (SQLException again) {
        log.warn("Could not roll the deletion back: {}", again.toString());
      }
    }
  }
}
