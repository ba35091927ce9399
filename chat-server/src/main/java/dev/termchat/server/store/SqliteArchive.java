package dev.termchat.server.store;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.server.room.MessageArchive;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Scrollback and search over the store's {@code messages}, on a thread and a connection of their
 * own: WAL lets it read while the writer writes, and a query never holds up the room or the
 * writer. Private messages are never in {@code messages}, so never in a page or a hit.
 */
public final class SqliteArchive implements MessageArchive, AutoCloseable {
  /** Messages a page or a search gives at most, whatever it asks. */
  public static final int MAX_LIMIT = 1000;
  /** The newest entries of the log a search looks through first, for the best hits among them. */
  static final long FIRST_WINDOW = 10_000;
  private static final String COLUMNS = "m.seq, m.room_name, m.sender, m.address, m.time, m.text, m.action, m.cid";

  private final ExecutorService thread = Executors.newSingleThreadExecutor(run -> {
    Thread made = new Thread(run, "chat-store-archive");
    made.setDaemon(true);
    return made;
  });
  private final Connection connection;
  private final Consumer<ChatMessage> said;
  private final long epoch;

  /** A store whose default-room messages are kept elsewhere, or not at all: for reading alone. */
  public SqliteArchive(StoreFile file) {
    this(file, message -> {});
  }

  /** @param said keeps a default-room message as the room said it (the store's log: {@link SqliteRoomLog#said}) */
  public SqliteArchive(StoreFile file, Consumer<ChatMessage> said) {
    this.said = said;
    try {
      this.connection = file.connect();
    } catch (SQLException e) {
      throw new StoreException(file.db() + " cannot be read: " + e.getMessage(), e);
    }
    this.epoch = file.epoch();
  }

  @Override
  public CompletableFuture<Page> before(String roomKey, String before, int limit) {
    return CompletableFuture.supplyAsync(() -> page(roomKey, before, Math.max(0, Math.min(limit, MAX_LIMIT))), thread);
  }

  @Override
  public CompletableFuture<List<Hit>> search(String roomKey, String words, int limit) {
    return CompletableFuture.supplyAsync(() -> hits(roomKey, words, Math.max(0, Math.min(limit, MAX_LIMIT))), thread);
  }

  @Override
  public boolean searches() {
    return true;
  }

  @Override
  public void said(ChatMessage message) {
    said.accept(message);
  }

  private Page page(String roomKey, String before, int limit) {
    long below = before == null ? Long.MAX_VALUE : seqOf(before);
    List<ChatMessage> newestFirst = new ArrayList<>();
    boolean more = false;
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM messages m WHERE m.room = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?")) {
      query.setString(1, roomKey);
      query.setLong(2, below);
      query.setInt(3, limit + 1);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          if (newestFirst.size() == limit) {
            more = true;
            break;
          }
          newestFirst.add(message(rows));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the store: " + e.getMessage(), e);
    }
    Collections.reverse(newestFirst);
    return new Page(newestFirst, more);
  }

  private List<Hit> hits(String roomKey, String words, int limit) {
    String match = SearchWords.match(words);
    if (match.isEmpty() || limit == 0) {
      return List.of();
    }
    try {
      long newest = newestSeq();
      // The best among the newest messages, in a window of the log that widens until it holds
      // enough hits: ranking every message that holds a common word (a million, in a store that
      // size) takes a second, and a window of the newest takes milliseconds; a rare word's few
      // hits are found in a few cheap widenings.
      for (long window = FIRST_WINDOW; ; window *= 4) {
        long floor = newest - window;
        List<Hit> hits = hitsAfter(roomKey, match, floor, limit);
        if (hits.size() >= limit || floor <= 0) {
          return hits;
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot search the store: " + e.getMessage(), e);
    }
  }

  private long newestSeq() throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT max(seq) FROM messages");
        ResultSet row = query.executeQuery()) {
      return row.next() ? row.getLong(1) : 0;
    }
  }

  /**
   * The best hits of the room among the messages after {@code floor}: ranked first, then each
   * read with its marks, as asking for marks in the ranking query makes SQLite mark every match.
   */
  private List<Hit> hitsAfter(String roomKey, String match, long floor, int limit) throws SQLException {
    List<Long> best = new ArrayList<>();
    try (PreparedStatement rank = connection.prepareStatement(
        "SELECT messages_fts.rowid FROM messages_fts JOIN messages c ON c.seq = messages_fts.rowid"
            + " WHERE messages_fts MATCH ? AND messages_fts.rowid > ? AND c.room = ?"
            + " ORDER BY bm25(messages_fts), messages_fts.rowid DESC LIMIT ?")) {
      rank.setString(1, match);
      rank.setLong(2, floor);
      rank.setString(3, roomKey);
      rank.setInt(4, limit);
      try (ResultSet rows = rank.executeQuery()) {
        while (rows.next()) {
          best.add(rows.getLong(1));
        }
      }
    }
    List<Hit> hits = new ArrayList<>(best.size());
    try (PreparedStatement read = connection.prepareStatement(
        "SELECT " + COLUMNS + ", highlight(messages_fts, 0, char(1), char(2)) FROM messages_fts"
            + " JOIN messages m ON m.seq = messages_fts.rowid WHERE messages_fts MATCH ? AND messages_fts.rowid = ?")) {
      for (long seq : best) {
        read.setString(1, match);
        read.setLong(2, seq);
        try (ResultSet row = read.executeQuery()) {
          if (row.next()) {
            hits.add(new Hit(row.getString(2), message(row), SearchWords.marks(row.getString(9))));
          }
        }
      }
    }
    return hits;
  }

  /**
   * The sequence an id of this store names; for an id of another store (as a memory-only server
   * gave before a restart), or anything that is no id, the end: a page before it is the newest,
   * as PROTOCOL.md says of a {@code before} that is no id of the room's log.
   */
  private long seqOf(String id) {
    int dash = id.indexOf('-');
    try {
      long idEpoch = Long.parseLong(id.substring(0, dash));
      long seq = Long.parseLong(id.substring(dash + 1));
      return idEpoch == epoch && seq > 0 ? seq : Long.MAX_VALUE;
    } catch (RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }

  private ChatMessage message(ResultSet row) throws SQLException {
    return new ChatMessage(
        row.getInt(7) == 1, row.getString(3), row.getString(6), row.getLong(5), row.getString(4), epoch + "-" + row.getLong(1), row.getString(8));
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(2, TimeUnit.SECONDS);
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      // Read-only: nothing to lose in a close that failed.
    }
  }
}
