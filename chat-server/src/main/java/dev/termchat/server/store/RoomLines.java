package dev.termchat.server.store;

import dev.termchat.protocol.RoomNames;
import dev.termchat.server.room.LogEntry;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomLoad;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the log back: a made room's latest lines, when the room is followed, and the node-wide
 * events a start replays. On the connection of the thread that asks.
 */
final class RoomLines {
  private static final Logger log = LoggerFactory.getLogger(RoomLines.class);
  /** The node-wide entries a start replays: the latest {@code ?}. */
  private static final String REPLAYED =
      "SELECT seq, time, body FROM entries WHERE seq >= (SELECT coalesce(min(seq), 0) FROM "
          + "(SELECT seq FROM entries WHERE room IS NULL ORDER BY seq DESC LIMIT ?)) AND room IS NULL ORDER BY seq";
  /** The id of an entry that never was: before every id of every store. */
  static final String NONE = "0-0";

  private final Connection connection;
  private final StoredEvents events;
  private final String prefix;

  RoomLines(Connection connection, StoredEvents events, long epoch) {
    this.connection = connection;
    this.events = events;
    this.prefix = epoch + "-";
  }

  /**
   * The room's latest {@code count} lines, oldest first. One more is read, to say after which
   * id they are all the store has; the store keeps every line, so otherwise that is all of them.
   */
  RoomLoad load(String room, int count) {
    List<LogEntry> latest = new ArrayList<>();
    long newest = -1;
    long beyond = -1;
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT seq, time, body FROM entries WHERE room = ? ORDER BY seq DESC LIMIT ?")) {
      query.setString(1, RoomNames.keyOf(room));
      query.setInt(2, count + 1);
      try (ResultSet rows = query.executeQuery()) {
        for (int read = 0; rows.next(); read++) {
          long seq = rows.getLong(1);
          newest = Math.max(newest, seq);
          if (read == count) {
            beyond = seq;
            break;
          }
          LogEntry entry = entry(rows, false);
          if (entry != null && entry.event() instanceof RoomEvent.Line) {
            latest.add(entry);
          }
        }
      }
    } catch (SQLException e) {
      log.error("Could not read the lines of {} from the store: {}", room, e.toString());
      return RoomLoad.unreachable(room);
    }
    Collections.reverse(latest);
    return new RoomLoad(room, true, latest, newest < 0 ? NONE : prefix + newest, beyond < 0 ? NONE : prefix + beyond);
  }

  /** The latest {@code count} node-wide events, oldest first, handed over as replayed. */
  void replay(long count, Consumer<LogEntry> to) throws SQLException {
    replay(REPLAYED, count, to);
  }

  private void replay(String sql, long count, Consumer<LogEntry> to) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setLong(1, count);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          LogEntry entry = entry(rows, true);
          if (entry != null) {
            to.accept(entry);
          }
        }
      }
    }
  }

  /** The names that the entries {@link #replay} hands register as accounts. */
  List<String> registeredInReplay(long count) throws SQLException {
    List<String> names = new ArrayList<>();
    // Only the accounts' entries are decoded: a start reads the window once more, not twice.
    replay(REPLAYED.replace("ORDER BY", "AND body LIKE '%\"type\":\"account\"%' ORDER BY"), count, entry -> {
      if (entry.event() instanceof RoomEvent.Account account && account.change() == RoomEvent.Account.Change.REGISTERED) {
        names.add(account.name());
      }
    });
    return names;
  }

  /** The entry of a row, or {@code null} (with a warning) for one that is no event. */
  private LogEntry entry(ResultSet row, boolean replayed) throws SQLException {
    long seq = row.getLong(1);
    try {
      return new LogEntry(prefix + seq, row.getLong(2), events.decode(row.getString(3)), replayed);
    } catch (IllegalArgumentException e) {
      log.warn("Skipped store entry {}: {}", seq, e.getMessage());
      return null;
    }
  }

  /** The number the next entry takes: one past the greatest kept. */
  static long nextSeq(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT coalesce(max(seq), 0) + 1 FROM entries");
        ResultSet row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }
}
