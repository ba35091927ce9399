package dev.termchat.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store's tables, made in a new file and checked in an old one. The version is SQLite's
 * {@code user_version}: 0 in a file nothing was made in, {@link StoreFile#SCHEMA_VERSION} once
 * made; a greater one was written by a newer server, whose tables this one must not touch.
 *
 * <p>{@code entries} is the log: every event, in one sequence, made rooms' lines with their
 * room's key (read apart, by the index on room and sequence) and the others with none.
 * {@code messages} is what was said, for scrollback and search, with {@code messages_fts} its
 * FTS5 index; private messages are never in it.
 */
final class Schema {
  private static final String[] TABLES = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "CREATE TABLE entries (seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, room TEXT, body TEXT NOT NULL)",
    "CREATE INDEX entries_room ON entries (room, seq)",
    "CREATE TABLE messages (seq INTEGER PRIMARY KEY, room TEXT NOT NULL, room_name TEXT NOT NULL, sender TEXT NOT NULL,"
        + " address TEXT, time INTEGER NOT NULL, text TEXT NOT NULL, action INTEGER NOT NULL, cid TEXT)",
    "CREATE INDEX messages_room ON messages (room, seq)",
    "CREATE VIRTUAL TABLE messages_fts USING fts5 (text, content='messages', content_rowid='seq', tokenize='unicode61')",
  };

  private Schema() {}

  /**
   * Checks the file's version, makes the tables in a new one, and counts this start.
   *
   * @return the store's epoch and this start's number
   * @throws StoreException for a file that is not a store, or of a newer version
   */
  static long[] prepare(Connection connection, Path db, long now) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      long version = single(statement, "PRAGMA user_version");
      if (version > StoreFile.SCHEMA_VERSION) {
        throw new StoreException(db + " was written by a newer termchat (store version " + version + ", this server reads up to "
            + StoreFile.SCHEMA_VERSION + "); run the newer server, or give --data another directory");
      }
      connection.setAutoCommit(false);
      if (version == 0) {
        if (single(statement, "SELECT count(*) FROM sqlite_schema") > 0) {
          throw new StoreException(db + " is an SQLite database, but not a termchat store; move it away or give --data another directory");
        }
        for (String table : TABLES) {
          statement.execute(table);
        }
        statement.execute("INSERT INTO meta VALUES ('epoch', " + now + "), ('runs', 0)");
        statement.execute("PRAGMA user_version = 1");
      }
      if (version < AccountTables.VERSION) {
        AccountTables.apply(statement);
      }
      statement.execute("UPDATE meta SET value = value + 1 WHERE key = 'runs'");
      long epoch = single(statement, "SELECT value FROM meta WHERE key = 'epoch'");
      long run = single(statement, "SELECT value FROM meta WHERE key = 'runs'");
      connection.commit();
      return new long[] {epoch, run};
    }
  }

  /** The first column of the first row a query answers; 0 for none. */
  private static long single(Statement statement, String query) throws SQLException {
    try (ResultSet result = statement.executeQuery(query)) {
      return result.next() ? result.getLong(1) : 0;
    }
  }
}
