package dev.termchat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets go of what the store keeps past its age ({@code --keep-days}) and past its count per room
 * ({@code --keep-per-room}), in the background, on a connection of its own: messages with their
 * search index, and the log's entries. The log's newest entries, which a start replays, are
 * younger than the age unless the server was idle that long, and then they are no one's.
 *
 * <p>It deletes {@value #BATCH} rows a transaction, so that the writer, which waits for SQLite's
 * one write lock, waits for each only a few milliseconds.
 */
public final class StoreRetention implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StoreRetention.class);
  static final int BATCH = 2000;

  private final StoreFile file;
  private final Clock clock;
  private final Duration keep;
  private final int perRoom;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "chat-store-retention");
            thread.setDaemon(true);
            return thread;
          });

  public StoreRetention(StoreFile file, Clock clock, Duration keep, int perRoom) {
    this.file = file;
    this.clock = clock;
    this.keep = keep;
    this.perRoom = perRoom;
  }

  /** Runs a pass a minute after now, then one each {@code every}. */
  public void start(Duration every) {
    timer.scheduleWithFixedDelay(this::runLogged, 60, every.toSeconds(), TimeUnit.SECONDS);
  }

  private void runLogged() {
    try {
      long gone = runOnce();
      if (gone > 0) {
        log.info("Let go of {} messages older than {} or past {} in their room", gone, keep.toDays() == 1 ? "a day" : keep.toDays() + " days", perRoom);
      }
    } catch (SQLException | RuntimeException e) {
      log.warn("Could not let go of old messages in the store this time: {}", e.toString());
    }
  }

  /** One pass, now: how many messages it let go of. */
  long runOnce() throws SQLException {
    try (Connection connection = file.connect()) {
      connection.setAutoCommit(false);
      long oldest = clock.millis() - keep.toMillis();
      long gone = deleteMessages(connection, "SELECT seq FROM messages WHERE time < ? ORDER BY seq LIMIT " + BATCH, oldest, null);
      deleteEntries(connection, "DELETE FROM entries WHERE seq IN (SELECT seq FROM entries WHERE time < ? ORDER BY seq LIMIT " + BATCH + ")", oldest, null);
      for (String room : crowdedRooms(connection)) {
        long floor = floor(connection, room);
        gone += deleteMessages(connection, "SELECT seq FROM messages WHERE seq < ? AND room = ? ORDER BY seq LIMIT " + BATCH, floor, room);
        deleteEntries(
            connection, "DELETE FROM entries WHERE seq IN (SELECT seq FROM entries WHERE seq < ? AND room = ? ORDER BY seq LIMIT " + BATCH + ")", floor, room);
      }
      return gone;
    }
  }

  /** The rooms that keep more messages than they may. */
  private List<String> crowdedRooms(Connection connection) throws SQLException {
    List<String> rooms = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT room FROM messages GROUP BY room HAVING count(*) > ?")) {
      query.setLong(1, perRoom);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rooms.add(result.getString(1));
        }
      }
    }
    connection.commit();
    return rooms;
  }

  /** The sequence of the oldest message of the room that it keeps. */
  private long floor(Connection connection, String room) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT seq FROM messages WHERE room = ? ORDER BY seq DESC LIMIT 1 OFFSET ?")) {
      query.setString(1, room);
      query.setLong(2, perRoom - 1L);
      try (ResultSet result = query.executeQuery()) {
        long floor = result.next() ? result.getLong(1) : Long.MIN_VALUE;
        connection.commit();
        return floor;
      }
    }
  }

  /** Deletes the messages the query picks, and their index rows, a batch a transaction. */
  private long deleteMessages(Connection connection, String pick, long bound, String room) throws SQLException {
    long gone = 0;
    try (PreparedStatement query = connection.prepareStatement(pick);
        PreparedStatement unindex = connection.prepareStatement(
            MessageRows.UNINDEX);
        PreparedStatement delete = connection.prepareStatement("DELETE FROM messages WHERE seq = ?")) {
      while (true) {
        List<Long> picked = picked(query, bound, room);
        for (long seq : picked) {
          unindex.setLong(1, seq);
          unindex.addBatch();
          delete.setLong(1, seq);
          delete.addBatch();
        }
        unindex.executeBatch();
        delete.executeBatch();
        connection.commit();
        gone += picked.size();
        if (picked.size() < BATCH) {
          return gone;
        }
      }
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }

  private static List<Long> picked(PreparedStatement query, long bound, String room) throws SQLException {
    query.setLong(1, bound);
    if (room != null) {
      query.setString(2, room);
    }
    List<Long> picked = new ArrayList<>(BATCH);
    try (ResultSet result = query.executeQuery()) {
      while (result.next()) {
        picked.add(result.getLong(1));
      }
    }
    return picked;
  }

  private static void deleteEntries(Connection connection, String delete, long bound, String room) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(delete)) {
      int deleted;
      do {
        statement.setLong(1, bound);
        if (room != null) {
          statement.setString(2, room);
        }
        deleted = statement.executeUpdate();
        connection.commit();
      } while (deleted == BATCH);
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
