package dev.termchat.server.store;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Moderation's tables, the schema's third step ({@link Schema}): {@code bans}, the bans in force
 * by scope ({@code *} or a room's name key) and target, kept beyond the log, whose retention
 * would let an old ban go.
 */
final class ModerationTables {
  static final String BANS =
      "CREATE TABLE IF NOT EXISTS bans (scope TEXT NOT NULL, target TEXT NOT NULL, banned_by TEXT NOT NULL, reason TEXT NOT NULL,"
          + " until INTEGER NOT NULL, PRIMARY KEY (scope, target))";

  private ModerationTables() {}

  static void create(Statement statement) throws SQLException {
    statement.execute(BANS);
  }
}
