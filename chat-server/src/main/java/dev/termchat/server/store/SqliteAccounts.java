package dev.termchat.server.store;

import dev.termchat.protocol.PrivateChat;
import dev.termchat.server.account.AccountStore;
import dev.termchat.server.account.AccountStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts in the store's SQLite file, on a connection of their own: each change is committed
 * (with {@code fsync}) before the client hears of it, so an account survives a restart or a
 * {@code kill -9}. The key's primary key makes creating one atomic. Thread-safe: one connection,
 * guarded by {@code this}.
 */
public final class SqliteAccounts implements AccountStore {
  private static final Logger log = LoggerFactory.getLogger(SqliteAccounts.class);
  private final Connection connection;
  private final Clock clock;

  /** @throws StoreException when the file cannot be opened */
  public SqliteAccounts(StoreFile file, Clock clock) {
    this.clock = clock;
    try {
      this.connection = file.connect();
    } catch (SQLException e) {
      throw new StoreException(file.db() + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<Stored> find(String key) {
    try (PreparedStatement select = connection.prepareStatement("SELECT name, hash FROM accounts WHERE key = ?")) {
      select.setString(1, key);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(new Stored(row.getString(1), row.getString(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("read", e);
    }
  }

  @Override
  public synchronized boolean create(String key, String name, String hash) {
    try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO accounts VALUES (?, ?, ?, ?)")) {
      insert.setString(1, key);
      insert.setString(2, name);
      insert.setString(3, hash);
      insert.setLong(4, clock.millis());
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failed("kept", e);
    }
  }

  @Override
  public synchronized void changeHash(String key, String hash) {
    try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET hash = ? WHERE key = ?")) {
      update.setString(1, hash);
      update.setString(2, key);
      update.executeUpdate();
    } catch (SQLException e) {
      throw failed("kept", e);
    }
  }

  @Override
  public synchronized List<String> names() {
    List<String> names = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT name FROM accounts");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    } catch (SQLException e) {
      throw failed("read", e);
    }
  }

  @Override
  public synchronized void keep(String key, PrivateChat message, int max, int perSender) {
    try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO offline_messages (account, sender, recipient, text, time, id) VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement pruneSender = connection.prepareStatement(
            "DELETE FROM offline_messages WHERE account = ? AND sender = ? AND seq NOT IN"
                + " (SELECT seq FROM offline_messages WHERE account = ? AND sender = ? ORDER BY seq DESC LIMIT ?)");
        PreparedStatement prune = connection.prepareStatement(
            "DELETE FROM offline_messages WHERE account = ? AND seq NOT IN"
                + " (SELECT seq FROM offline_messages WHERE account = ? ORDER BY seq DESC LIMIT ?)")) {
      connection.setAutoCommit(false);
      insert.setString(1, key);
      insert.setString(2, message.from());
      insert.setString(3, message.to());
      insert.setString(4, message.message());
      insert.setLong(5, message.time());
      insert.setString(6, message.id());
      insert.executeUpdate();
      pruneSender.setString(1, key);
      pruneSender.setString(2, message.from());
      pruneSender.setString(3, key);
      pruneSender.setString(4, message.from());
      pruneSender.setInt(5, perSender);
      pruneSender.executeUpdate();
      prune.setString(1, key);
      prune.setString(2, key);
      prune.setInt(3, max);
      prune.executeUpdate();
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw failed("kept", e);
    } finally {
      autoCommit();
    }
  }

  /**
   * Takes the account's messages, oldest first, in one statement that writes from its start: a
   * read followed by a delete in one transaction could not become a writer once the store's
   * writer had committed since the read (SQLite answers SQLITE_BUSY at once then, without
   * waiting), which at a login, when the login itself is being written, it often had.
   */
  @Override
  public synchronized List<PrivateChat> take(String key) {
    record Kept(long seq, PrivateChat message) {}
    List<Kept> taken = new ArrayList<>();
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM offline_messages WHERE account = ? RETURNING seq, sender, recipient, text, time, id")) {
      delete.setString(1, key);
      try (ResultSet rows = delete.executeQuery()) {
        while (rows.next()) {
          taken.add(new Kept(rows.getLong(1),
              new PrivateChat(rows.getString(2), rows.getString(3), rows.getString(4), rows.getLong(5), rows.getString(6), null)));
        }
      }
    } catch (SQLException e) {
      throw failed("read", e);
    }
    taken.sort(java.util.Comparator.comparingLong(Kept::seq)); // RETURNING keeps no order.
    return taken.stream().map(Kept::message).toList();
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // The connection is broken: the next call fails in its turn, and says so.
      log.warn("Could not roll back the accounts' transaction: {}", e.getMessage());
    }
  }

  private void autoCommit() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      log.warn("Could not end the accounts' transaction: {}", e.getMessage());
    }
  }

  private static AccountStoreException failed(String what, SQLException e) {
    return new AccountStoreException("accounts could not be " + what + " in the store: " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("could not close the accounts' connection: " + e.getMessage(), e);
    }
  }
}
