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

/**
 * Scrollback and search over the store's {@code messages}, on a thread and a connection of their
 * own: WAL lets it read while the writer writes, and a query never holds up the room or the
 * writer. Private messages are never in {@code messages}, so never in a page or a hit.
 */
public final class SqliteArchive implements MessageArchive, AutoCloseable {
  /** Messages a page or a search gives at most, whatever it asks. */
  public static final int MAX_LIMIT = 1000;
  /** The newest matches of a room a search ranks, for the best among them. */
  static final long CANDIDATES = 10_000;
  /** The newest messages of a room over which a search weighs its words: rarer weighs more. */
  static final long SAMPLE = 10_000;
  private static final String COLUMNS = "m.seq, m.room_name, m.sender, m.address, m.time, m.text, m.action, m.cid";

  private final ExecutorService thread = Executors.newSingleThreadExecutor(run -> {
    Thread made = new Thread(run, "chat-store-archive");
    made.setDaemon(true);
    return made;
  });
  private final Connection connection;
  private final SaidRows said;
  private final long epoch;

  /** Where the default room's messages are kept as the room said them: the store's log. */
  public interface SaidRows {
    /** Keeps the message, in a transaction soon after. */
    void said(ChatMessage message);

    /**
     * Waits a bounded time for every message said so far to be kept, so that a page or a search
     * asked for after a line was echoed holds it.
     */
    void awaitKept();
  }

  /** A store whose default-room messages are kept elsewhere, or not at all: for reading alone. */
  public SqliteArchive(StoreFile file) {
    this(file, new SaidRows() {
      @Override
      public void said(ChatMessage message) {}

      @Override
      public void awaitKept() {}
    });
  }

  /** @param said keeps a default-room message as the room said it (the store's log) */
  public SqliteArchive(StoreFile file, SaidRows said) {
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
    return CompletableFuture.supplyAsync(() -> {
      said.awaitKept();
      return page(roomKey, before, Math.max(0, Math.min(limit, MAX_LIMIT)));
    }, thread);
  }

  @Override
  public CompletableFuture<List<Hit>> search(String roomKey, String words, int limit) {
    return CompletableFuture.supplyAsync(() -> {
      said.awaitKept();
      return hits(roomKey, words, Math.max(0, Math.min(limit, MAX_LIMIT)));
    }, thread);
  }

  @Override
  public boolean searches() {
    return true;
  }

  @Override
  public void said(ChatMessage message) {
    said.said(message);
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

  private List<Hit> hits(String roomKey, String typed, int limit) {
    List<String> words = SearchWords.words(typed);
    if (words.isEmpty() || limit == 0) {
      return List.of();
    }
    String match = SearchWords.inRoom(words, roomKey);
    try {
      List<SearchRanking.Candidate> candidates = candidates(roomKey, match);
      if (candidates.isEmpty()) {
        return List.of();
      }
      long sampleFloor = sampleFloor(roomKey);
      long sample = count("SELECT count(*) FROM messages WHERE room = ? AND seq >= ?", roomKey, sampleFloor);
      long[] holding = new long[words.size()];
      for (int i = 0; i < holding.length; i++) {
        holding[i] = count("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ? AND rowid >= ?",
            SearchWords.inRoom(List.of(words.get(i)), roomKey), sampleFloor);
      }
      return marked(new SearchRanking(words, sample, holding).best(candidates, limit), match);
    } catch (SQLException e) {
      throw new StoreException("cannot search the store: " + e.getMessage(), e);
    }
  }

  /**
   * The room's newest messages that hold every word, at most {@link #CANDIDATES}: the best are
   * ranked among the newest, as ranking every message that holds a common word (a million, in a
   * store that size) would take a second.
   */
  private List<SearchRanking.Candidate> candidates(String roomKey, String match) throws SQLException {
    List<SearchRanking.Candidate> candidates = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT m.seq, m.text FROM messages_fts JOIN messages m ON m.seq = messages_fts.rowid"
            + " WHERE messages_fts MATCH ? AND m.room = ? ORDER BY messages_fts.rowid DESC LIMIT ?")) {
      query.setString(1, match);
      query.setString(2, roomKey);
      query.setLong(3, CANDIDATES);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          candidates.add(new SearchRanking.Candidate(rows.getLong(1), rows.getString(2)));
        }
      }
    }
    return candidates;
  }

  /** Where the room's newest {@link #SAMPLE} messages begin, over which words are weighed. */
  private long sampleFloor(String roomKey) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT seq FROM messages WHERE room = ? ORDER BY seq DESC LIMIT 1 OFFSET ?")) {
      query.setString(1, roomKey);
      query.setLong(2, SAMPLE - 1);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }

  private long count(String sql, String text, long floor) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, text);
      query.setLong(2, floor);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }

  /**
   * The hits in the order given, each read with its marks (which FTS5 makes a row at a time),
   * marked with characters its text has not; a text that has them all is given unmarked.
   */
  private List<Hit> marked(List<SearchRanking.Candidate> best, String match) throws SQLException {
    List<Hit> hits = new ArrayList<>(best.size());
    try (PreparedStatement read = connection.prepareStatement(
        "SELECT " + COLUMNS + ", highlight(messages_fts, 0, ?, ?) FROM messages_fts"
            + " JOIN messages m ON m.seq = messages_fts.rowid WHERE messages_fts MATCH ? AND messages_fts.rowid = ?")) {
      for (SearchRanking.Candidate candidate : best) {
        String[] markers = SearchWords.markers(candidate.text());
        read.setString(1, markers == null ? "" : markers[0]);
        read.setString(2, markers == null ? "" : markers[1]);
        read.setString(3, match);
        read.setLong(4, candidate.seq());
        try (ResultSet row = read.executeQuery()) {
          if (row.next()) {
            List<Mark> marks = markers == null ? List.of() : SearchWords.marks(row.getString(9), candidate.text(), markers);
            hits.add(new Hit(row.getString(2), message(row), marks));
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
