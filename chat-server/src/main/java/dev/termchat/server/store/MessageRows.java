package dev.termchat.server.store;

import dev.termchat.protocol.RoomNames;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.Who;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Writes what was said in a room to {@code messages} and its search index, in the writer's
 * transaction: lines of made rooms, and the default room's messages, whose sender's name the
 * room is asked for (a {@link RoomEvent.Say} carries who, not the name). Private messages are
 * never written here. Confined to the writer thread.
 */
final class MessageRows implements AutoCloseable {
  private final PreparedStatement message;
  private final PreparedStatement index;
  /** The name a connection is registered under now, or {@code null}; set before the first write. */
  private volatile Function<Who, String> names = who -> null;

  MessageRows(Connection connection) throws SQLException {
    this.message = connection.prepareStatement(
        "INSERT INTO messages (seq, room, room_name, sender, address, time, text, action, cid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    this.index = connection.prepareStatement("INSERT INTO messages_fts (rowid, text) VALUES (?, ?)");
  }

  void names(Function<Who, String> names) {
    this.names = names;
  }

  /** Writes the event if it is something said in a room; anything else is not a message. */
  void write(long seq, long time, RoomEvent event) throws SQLException {
    if (event instanceof RoomEvent.Line line) {
      add(seq, time, line.room(), line.name(), line.address(), line.text(), line.action(), line.clientId());
    } else if (event instanceof RoomEvent.Say say) {
      String sender = names.apply(say.who());
      if (sender != null) { // Gone before its line was kept: its line reaches no one either.
        add(seq, time, say.room() == null ? RoomNames.DEFAULT_ROOM : say.room(), sender, null, say.text(), say.action(), say.clientId());
      }
    }
  }

  private void add(long seq, long time, String room, String sender, String address, String text, boolean action, String clientId)
      throws SQLException {
    message.setLong(1, seq);
    message.setString(2, RoomNames.keyOf(room));
    message.setString(3, room);
    message.setString(4, sender);
    message.setString(5, address);
    message.setLong(6, time);
    message.setString(7, text);
    message.setInt(8, action ? 1 : 0);
    message.setString(9, clientId);
    message.executeUpdate();
    index.setLong(1, seq);
    index.setString(2, text);
    index.executeUpdate();
  }

  @Override
  public void close() throws SQLException {
    message.close();
    index.close();
  }
}
