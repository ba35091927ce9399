package dev.termchat.server.store;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.server.room.LogEntry;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomLoad;
import dev.termchat.server.room.RoomLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one writer, on a thread of its own: it takes every append that gathered while it
 * committed the last batch and commits them in one transaction (group commit: one fsync for all
 * of them), and only then hands them to the room, in order, so that a line the room echoes is on
 * disk. Following a room is done on this thread too, between batches: a room's load holds every
 * line committed before it, and each line after it reaches the room once, through {@link
 * RoomLog.Listener#roomEntry}, neither overlapping the load nor leaving a gap.
 */
final class StoreWriter {
  private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
  /** Appends waiting; past this many the disk is too far behind to take more. */
  static final int MAX_WAITING = 10_000;
  /** Appends one transaction takes at most. */
  private static final int BATCH = 2048;

  /** What the writer is asked to do, in the order asked. */
  private sealed interface Task {}

  /** An event, with its body encoded on the appending thread: the writer's thread does only SQL. */
  private record Append(RoomEvent event, String body) implements Task {}

  /** Wakes the writer for rows said while nothing else is waiting. */
  private record Wake() implements Task {}

  private static final Wake WAKE = new Wake();

  private record Follow(String room, int count) implements Task {}

  private record Unfollow(String room) implements Task {}

  /** A message deleted by its sender or an operator: {@link MessageDeletion}. */
  private record Deleted(long seq, String roomKey) implements Task {}

  private final BlockingQueue<Task> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
  /** The default room's messages as the room said them, on their way to {@code messages}. */
  private final SaidRows said;
  private final Thread thread = new Thread(this::run, "chat-store-writer");
  private final Connection connection;
  private final StoredEvents events;
  private final MessageRows messages;
  private final RoomLines lines;
  private final PreparedStatement insert;
  private final String prefix;
  private final java.util.function.LongSupplier clock;
  /** Whether the store's file is still where it was opened; a batch is not kept when it is not. */
  private final BooleanSupplier inPlace;
  /** Followed rooms, by key, with the name each was followed under. Confined to the thread. */
  private final Map<String, String> followed = new HashMap<>();
  /** Rooms' keys, for the lines written. Confined to the thread. */
  private final RoomKeys keys = new RoomKeys();
  /**
   * Whether a wake is on its way to the writer for rows said: one is enough for every row said
   * before the writer takes them, and the room says one a message.
   */
  private final AtomicBoolean woken = new AtomicBoolean();
  /** Set before the thread starts. */
  private RoomLog.Listener room;
  /** The next entry's number. Confined to the thread once started. */
  private long nextSeq;
  private volatile boolean closed;
  /**
   * Whether the last commit failed (a full disk, a file gone bad): the server is then unhealthy,
   * and each append still tries, so that the first that commits again makes it healthy.
   */
  private volatile boolean failing;

  StoreWriter(
      Connection connection, StoredEvents events, long epoch, long nextSeq, java.util.function.LongSupplier clock, BooleanSupplier inPlace)
      throws SQLException {
    this.connection = connection;
    this.inPlace = inPlace;
    this.events = events;
    this.prefix = epoch + "-";
    this.nextSeq = nextSeq;
    this.clock = clock;
    this.messages = new MessageRows(connection, keys);
    this.lines = new RoomLines(connection, events, epoch);
    this.insert = connection.prepareStatement("INSERT INTO entries (seq, time, room, body) VALUES (?, ?, ?, ?)");
    this.said = new SaidRows(MessageRows.saidThrough(connection));
    connection.setAutoCommit(false);
    thread.setDaemon(true);
  }

  /** Starts writing, the events in {@code first} before anything appended. */
  void start(RoomLog.Listener listener, List<RoomEvent> first) {
    room = listener;
    // The replay read on this connection: its transaction, left open, would keep the snapshot it
    // read, and the first batch could not become a writer once another connection (the
    // accounts', the bans') had written since: SQLITE_BUSY_SNAPSHOT at once, the batch lost.
    try {
      connection.commit();
    } catch (SQLException e) {
      throw new StoreException("the store's replay could not be ended: " + e.getMessage(), e);
    }
    for (RoomEvent event : first) {
      waiting.add(new Append(event, events.encode(event))); // Before the thread starts: nothing else waits yet.
    }
    thread.start();
  }

  boolean offer(RoomEvent event) {
    return !closed && waiting.offer(new Append(event, events.encode(event)));
  }

  /**
   * Keeps a row of a default-room message the room said, for scrollback and search, in a later
   * transaction ({@link SaidRows} says when): one this store numbered, newer than the last row said that it had kept when it
   * started (a start replays what it had, and only rows a crash kept from being written are
   * written again).
   */
  void said(ChatMessage message) {
    if (!closed && said.add(seqOf(message.id()), message)) {
      wake();
    }
  }

  private void wake() {
    if (woken.compareAndSet(false, true) && !waiting.offer(WAKE)) {
      woken.set(false); // Full: a commit comes soon anyway, and takes the rows with it.
    }
  }

  /** Waits, at most so long, for every row said so far to be kept. */
  void awaitSaidKept(long millis) {
    said.awaitKept(millis, this::wake);
  }

  private long seqOf(String id) {
    if (id == null || !id.startsWith(prefix)) {
      return -1;
    }
    try {
      return Long.parseLong(id, prefix.length(), id.length(), 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Takes a message out of the store, after what was written before: see {@link MessageDeletion}. */
  void deleted(String roomKey, String id) {
    long seq = seqOf(id);
    if (seq >= 0 && !closed) {
      waiting.offer(new Deleted(seq, roomKey)); // Lost only when full: the message then stays on disk.
    }
  }

  void follow(String room, int count) {
    if (closed || !waiting.offer(new Follow(room, Math.max(0, count)))) {
      this.room.roomLoaded(RoomLoad.unreachable(room));
    }
  }

  void unfollow(String room) {
    if (!closed) {
      waiting.offer(new Unfollow(room)); // Lost only when full: its lines then reach the room in vain.
    }
  }

  private void run() {
    List<Task> tasks = new ArrayList<>(BATCH);
    List<Append> batch = new ArrayList<>(BATCH);
    endRead(); // The replay's, before the thread started.
    try {
      while (!closed || !waiting.isEmpty()) {
        Task first = waiting.poll(said.pending() ? SaidRows.MAX_WAIT_MILLIS : 500, TimeUnit.MILLISECONDS);
        if (first == null) {
          commit(batch, false); // Rows said that waited long enough.
          continue;
        }
        tasks.add(first);
        waiting.drainTo(tasks, BATCH - 1);
        for (Task task : tasks) {
          if (task instanceof Append append) {
            batch.add(append);
            continue;
          }
          if (task instanceof Wake) {
            continue;
          }
          commit(batch, true); // A deletion finds its row; a load, every line before it.
          if (task instanceof Follow follow) {
            followed.put(keys.keyOf(follow.room()), follow.room());
            room.roomLoaded(lines.load(follow.room(), follow.count()));
            endRead();
          } else if (task instanceof Unfollow unfollow) {
            followed.remove(keys.keyOf(unfollow.room()));
          } else if (task instanceof Deleted deleted) {
            MessageDeletion.delete(connection, deleted.seq(), deleted.roomKey());
          }
        }
        commit(batch, false);
        tasks.clear();
      }
      commit(batch, true); // The rows said before the stop, which a restart would otherwise write.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      for (Task task; (task = waiting.poll()) != null; ) {
        if (task instanceof Append append) {
          room.lost(append.event());
        }
      }
    }
  }

  /**
   * Commits the batch, and the rows of messages said that are due (or all of them, with {@code
   * allSaid}), in one transaction, then hands each entry to the room in order; if it cannot be
   * committed, every event of it goes back to the room as lost, none echoed, and the rows said
   * wait for the next commit (their entries are kept already). Empties the batch.
   */
  private void commit(List<Append> batch, boolean allSaid) {
    woken.set(false); // Before the take: a row said after it wakes the writer again.
    long time = clock.getAsLong();
    said.take(time);
    boolean withSaid = allSaid ? !said.isEmpty() : said.due(time);
    if (batch.isEmpty() && !withSaid) {
      return;
    }
    long firstSeq = nextSeq;
    try {
      if (!inPlace.getAsBoolean()) {
        throw new SQLException("the store's file is gone from its directory, or was replaced");
      }
      if (withSaid) {
        said.write(messages);
      }
      for (int i = 0; i < batch.size(); i++) {
        RoomEvent event = batch.get(i).event();
        insert.setLong(1, firstSeq + i);
        insert.setLong(2, time);
        insert.setString(3, StoredEvents.roomKey(event, keys));
        insert.setString(4, batch.get(i).body());
        insert.addBatch();
        messages.write(firstSeq + i, time, event);
      }
      insert.executeBatch();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      if (!failing) {
        log.error("Could not keep {} room events and {} messages said in the store; refusing events until it takes them again: {}",
            batch.size(), withSaid ? said.size() : 0, e.toString());
      }
      failing = true;
      rollback();
      batch.forEach(append -> room.lost(append.event()));
      batch.clear();
      return;
    }
    if (withSaid) {
      said.kept();
    }
    nextSeq = firstSeq + batch.size();
    if (failing) {
      failing = false;
      log.info("The store takes room events again");
    }
    for (int i = 0; i < batch.size(); i++) {
      deliver(new LogEntry(prefix + (firstSeq + i), time, batch.get(i).event()));
    }
    batch.clear();
  }

  private void deliver(LogEntry entry) {
    if (entry.event() instanceof RoomEvent.Line line) {
      String name = followed.get(keys.keyOf(line.room()));
      if (name != null) {
        room.roomEntry(name, entry);
      }
    } else {
      room.entry(entry);
    }
  }

  /**
   * Ends the transaction a read began, which holds nothing written: SQLite cannot make a read
   * transaction a write once another connection (the accounts', the bans') has committed since
   * (SQLITE_BUSY_SNAPSHOT), nor wait for one that is writing (SQLITE_BUSY at once, whatever the
   * busy timeout), so a snapshot kept into the next batch would lose that batch.
   */
  private void endRead() {
    rollback();
  }

  private void rollback() {
    try {
      insert.clearBatch();
      connection.rollback();
    } catch (SQLException e) {
      // SQLite rolls a transaction back itself on some errors (a full disk): the driver's
      // rollback then finds none and does not begin the next one, and what follows would be
      // committed statement by statement, half a batch kept while the room is told it was lost.
      try (Statement begin = connection.createStatement()) {
        begin.execute("BEGIN");
      } catch (SQLException again) {
        log.error("Could not begin the store's next transaction: {}", again.toString());
      }
    }
  }

  /** Whether the last commit failed, and none has succeeded since. */
  boolean failing() {
    return failing;
  }

  /** Stops taking appends, and waits for those taken to be committed, up to {@code waitMillis}. */
  void close(long waitMillis) throws InterruptedException {
    closed = true;
    if (thread.isAlive()) {
      thread.join(waitMillis);
      thread.interrupt();
      thread.join(waitMillis);
    }
  }
}
