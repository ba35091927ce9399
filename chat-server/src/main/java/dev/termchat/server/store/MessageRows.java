package dev.termchat.server.store;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.RoomNames;
import dev.termchat.server.room.RoomEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes what was said in a room to {@code messages} and its search index, in the writer's
 * transaction: lines of made rooms, from the log's events, which carry their senders' names; and
 * the default room's messages as the room said them ({@link #said}), since a {@link
 * RoomEvent.Say} carries who, not the name, which only the room knows once it has applied the
 * joins and renames before it. Private messages are never written here. Confined to the writer
 * thread.
 */
final class MessageRows implements AutoCloseable {
  /**
   * Takes the message numbered by its first parameter out of the search index: FTS5's {@code
   * delete} must be given every column as it was indexed. Its {@code WHERE} may be added to.
   */
  static final String UNINDEX =
      "INSERT INTO messages_fts (messages_fts, rowid, text, room_token) SELECT 'delete', seq, text, room_token FROM messages WHERE seq = ?";

  private final PreparedStatement message;
  private final PreparedStatement index;
  private final PreparedStatement saidThrough;
  private final RoomKeys keys;

  MessageRows(Connection connection, RoomKeys keys) throws SQLException {
    this.keys = keys;
    this.message = connection.prepareStatement(
        "INSERT OR IGNORE INTO messages (seq, room, room_name, sender, address, time, text, action, cid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    this.index = connection.prepareStatement("INSERT INTO messages_fts (rowid, text, room_token) VALUES (?, ?, 'r' || hex(?))");
    this.saidThrough = connection.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES ('said_through', ?)");
  }

  /**
   * The newest row said that the store has kept: the room says its messages in the log's order
   * and the writer keeps them in that order, so every message of the default room before it has
   * its row. Kept in {@code meta}, as retention may delete the rows themselves; a store that
   * does not have it yet (version 1 kept no such mark) has it as its newest row of the room.
   */
  static long saidThrough(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT coalesce((SELECT value FROM meta WHERE key = 'said_through'), (SELECT max(seq) FROM messages WHERE room = ?), 0)")) {
      query.setString(1, RoomNames.keyOf(RoomNames.DEFAULT_ROOM));
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }

  /** Marks the rows said as kept up to this one, in the writer's transaction. */
  void saidThrough(long seq) throws SQLException {
    saidThrough.setLong(1, seq);
    saidThrough.executeUpdate();
  }

  /** Writes the event if it is a made room's line; anything else is not a message, or comes by {@link #said}. */
  void write(long seq, long time, RoomEvent event) throws SQLException {
    if (event instanceof RoomEvent.Line line) {
      add(seq, time, line.room(), line.name(), line.address(), line.text(), line.action(), line.clientId());
    }
  }

  /** Writes a default-room message as the room said it, once: a start may say again what a crash left unwritten. */
  void said(long seq, ChatMessage message) throws SQLException {
    add(seq, message.time(), RoomNames.DEFAULT_ROOM, message.from(), message.address(), message.message(), message.action(), message.clientId());
  }

  private void add(long seq, long time, String room, String sender, String address, String text, boolean action, String clientId)
      throws SQLException {
    String key = keys.keyOf(room);
    message.setLong(1, seq);
    message.setString(2, key);
    message.setString(3, room);
    message.setString(4, sender);
    message.setString(5, address);
    message.setLong(6, time);
    message.setString(7, text);
    message.setInt(8, action ? 1 : 0);
    message.setString(9, clientId);
    if (message.executeUpdate() == 0) {
      return; // Written already: its index row too.
    }
    index.setLong(1, seq);
    index.setString(2, text);
    index.setString(3, key);
    index.executeUpdate();
  }

  @Override
  public void close() throws SQLException {
    message.close();
    index.close();
    saidThrough.close();
  }
}
