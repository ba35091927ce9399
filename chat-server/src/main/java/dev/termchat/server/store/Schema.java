package dev.termchat.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store's tables, made in a new file, brought up to date in an older one and checked in any.
 * The version is SQLite's {@code user_version}: 0 in a file nothing was made in, then the number
 * of {@link #STEPS} run on it; a greater one than this server knows was written by a newer
 * server, whose tables this one must not touch. A step is never changed once released: a store
 * made by it exists somewhere; what changes comes as a new step at the end.
 *
 * <p>{@code entries} is the log: every event, in one sequence, made rooms' lines with their
 * room's key (read apart, by the index on room and sequence) and the others with none.
 * {@code messages} is what was said, for scrollback and search, with {@code messages_fts} its
 * FTS5 index; private messages are never in it.
 */
final class Schema {
  private static final Logger log = LoggerFactory.getLogger(Schema.class);
  /** One step of the schema's history: run in the transaction that records it. */
  private interface Step {
    void run(Statement statement) throws SQLException;
  }

  /** Step {@code i} takes a store of version {@code i} to {@code i + 1}. */
  private static final List<Step> STEPS =
      List.of(Schema::firstTables, Schema::roomInSearchIndex, ModerationTables::create, AccountTables::apply);
  /** The version this server writes and reads. */
  static final int VERSION = STEPS.size();

  private Schema() {}

  private static void firstTables(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
    statement.execute("CREATE TABLE entries (seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, room TEXT, body TEXT NOT NULL)");
    statement.execute("CREATE INDEX entries_room ON entries (room, seq)");
    statement.execute("CREATE TABLE messages (seq INTEGER PRIMARY KEY, room TEXT NOT NULL, room_name TEXT NOT NULL, sender TEXT NOT NULL,"
        + " address TEXT, time INTEGER NOT NULL, text TEXT NOT NULL, action INTEGER NOT NULL, cid TEXT)");
    statement.execute("CREATE INDEX messages_room ON messages (room, seq)");
    statement.execute("CREATE VIRTUAL TABLE messages_fts USING fts5 (text, content='messages', content_rowid='seq', tokenize='unicode61')");
    statement.execute("INSERT INTO meta VALUES ('epoch', 0), ('runs', 0)");
  }

  /**
   * The room's key in the search index beside the text, as one word of its own ({@code r} and
   * the key's bytes in hex: a key's own words are shared, {@code #general_} with {@code
   * #general}, and some keys have none, {@code #_}), so that a search in a room matches within
   * the room's rows: without it, a word common in another room's million messages made a search
   * in a small room read every one of them to find none. And words as the tokenizer reads them
   * keep their combining marks (a Devanagari vowel sign split a Hindi word in three), and lose
   * the accents of Latin letters however they are written, composed or apart.
   */
  private static void roomInSearchIndex(Statement statement) throws SQLException {
    statement.execute("ALTER TABLE messages ADD COLUMN room_token TEXT GENERATED ALWAYS AS ('r' || hex(room)) VIRTUAL");
    statement.execute("DROP TABLE messages_fts");
    statement.execute("CREATE VIRTUAL TABLE messages_fts USING fts5 (text, room_token, content='messages', content_rowid='seq',"
        + " tokenize=\"unicode61 remove_diacritics 2 categories 'L* N* Co Mc Mn'\")");
    statement.execute("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')");
  }

  /**
   * Checks the file's version, makes the tables in a new one or brings an older one up to date,
   * and counts this start.
   *
   * @return the store's epoch and this start's number
   * @throws StoreException for a file that is not a store, or of a newer version
   */
  static long[] prepare(Connection connection, Path db, long now) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      long version = single(statement, "PRAGMA user_version");
      if (version > VERSION) {
        throw new StoreException(db + " was written by a newer termchat (store version " + version + ", this server reads up to "
            + VERSION + "); run the newer server, or give --data another directory");
      }
      connection.setAutoCommit(false);
      if (version == 0) {
        if (single(statement, "SELECT count(*) FROM sqlite_schema") > 0) {
          throw new StoreException(db + " is an SQLite database, but not a termchat store; move it away or give --data another directory");
        }
      }
      if (version > 0 && version < VERSION) {
        // A step may rebuild an index over every message: seconds for a million, said first.
        log.info("Bringing the store {} from version {} up to {}", db, version, VERSION);
      }
      for (int step = (int) version; step < VERSION; step++) {
        STEPS.get(step).run(statement);
      }
      if (version == 0) {
        statement.execute("UPDATE meta SET value = " + now + " WHERE key = 'epoch'");
      }
      statement.execute("PRAGMA user_version = " + VERSION);
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
