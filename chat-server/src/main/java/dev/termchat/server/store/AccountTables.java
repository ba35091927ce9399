package dev.termchat.server.store;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store's fourth step ({@link Schema}): accounts, and the private messages kept for an account
 * while it is off line. {@code accounts} is keyed by the name's key (look-alikes are one account)
 * and holds the name as registered and its password's Argon2id hash, never the password.
 */
final class AccountTables {
  private static final String[] TABLES = {
    "CREATE TABLE accounts (key TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, created INTEGER NOT NULL)",
    "CREATE TABLE offline_messages (seq INTEGER PRIMARY KEY, account TEXT NOT NULL, sender TEXT NOT NULL,"
        + " recipient TEXT NOT NULL, text TEXT NOT NULL, time INTEGER NOT NULL, id TEXT)",
    "CREATE INDEX offline_messages_account ON offline_messages (account, seq)",
  };

  private AccountTables() {}

  /** Makes the tables, in the caller's transaction. */
  static void apply(Statement statement) throws SQLException {
    for (String table : TABLES) {
      statement.execute(table);
    }
  }
}
