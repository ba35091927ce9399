package dev.termchat.server.store;

import dev.termchat.server.room.BanBook;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bans in the store's {@code bans} table, on a connection of its own: read at start on the
 * caller's thread, written on a thread of its own in the order the room applied them, so that
 * the room never waits for SQLite's write lock.
 */
public final class SqliteBans implements BanBook {
  private static final Logger log = LoggerFactory.getLogger(SqliteBans.class);
  private static final long CLOSE_WAIT_SECONDS = 5;

  /** Used by the writer thread alone, once made. */
  private final Connection connection;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "chat-store-bans");
            thread.setDaemon(true);
            return thread;
          });

  /** @throws StoreException when the store cannot be read */
  public SqliteBans(StoreFile file) {
    try {
      this.connection = file.connect();
    } catch (SQLException e) {
      throw new StoreException(file.db() + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Row> load() {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT scope, target, banned_by, reason, until FROM bans");
        ResultSet result = select.executeQuery()) {
      while (result.next()) {
        rows.add(new Row(result.getString(1), result.getString(2), result.getString(3), result.getString(4), result.getLong(5)));
      }
    } catch (SQLException e) {
      throw new StoreException("the store's bans cannot be read: " + e.getMessage(), e);
    }
    return rows;
  }

  @Override
  public void put(Row row) {
    write("INSERT OR REPLACE INTO bans VALUES (?, ?, ?, ?, ?)", row.scope(), row.target(), row.by(), row.reason(), row.until());
  }

  @Override
  public void remove(String scope, String target) {
    write("DELETE FROM bans WHERE scope = ? AND target = ?", scope, target);
  }

  private void write(String sql, Object... values) {
    writer.execute(() -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          statement.setObject(i + 1, values[i]);
        }
        statement.executeUpdate();
      } catch (SQLException e) {
        // The ban holds in memory until a restart; said once per failed write.
        log.warn("Could not keep a change to the bans in the store: {}", e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("The store's bans were not all written within {} s", CLOSE_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("Could not close the store's bans connection: {}", e.getMessage());
    }
  }
}
