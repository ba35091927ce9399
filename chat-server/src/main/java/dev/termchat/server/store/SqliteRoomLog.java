package dev.termchat.server.store;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.server.room.LogEntry;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomLog;
import dev.termchat.server.room.Who;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room's log in an SQLite file, for a server on its own: every event is committed to disk by
 * one writer ({@link StoreWriter}) before the room sees it, so what was echoed survives a crash.
 * Ids are {@code EPOCH-SEQ}, the store's epoch and one sequence over every entry, so an id a
 * client kept names the same entry after a restart.
 *
 * <p>A start replays the latest node-wide events (joins, leaves, the default room's messages,
 * renames...), so the room knows its history, sessions and held names again; made rooms' lines
 * are kept apart, and loaded when a room is followed, as a cluster's rooms' streams are. Those who
 * were online when the last server stopped, or was killed, are gone as if their connections
 * dropped: their leaves are the first entries of this start, so their sessions can be resumed
 * within the resume window.
 */
public final class SqliteRoomLog implements RoomLog, SqliteArchive.SaidRows {
  private static final Logger log = LoggerFactory.getLogger(SqliteRoomLog.class);
  /** How long a close waits for what was taken to be committed. */
  private static final long CLOSE_WAIT_MILLIS = 5000;
  /** How long a page or a search waits for the rows said before it; past that (a full disk) it reads what is kept. */
  private static final long KEPT_WAIT_MILLIS = 2000;

  private final StoreFile file;
  private final Clock clock;
  private final long replayCount;
  private final Connection connection;
  private final StoreWriter writer;
  private final RoomLines lines;

  /**
   * Opens the store in the file given, which this log closes with itself.
   *
   * @param replayCount how many of the latest node-wide events a start replays
   * @throws StoreException when the store cannot be read
   */
  public SqliteRoomLog(StoreFile file, Clock clock, long replayCount) {
    this.file = file;
    this.clock = clock;
    this.replayCount = replayCount;
    try {
      StoredEvents events = new StoredEvents(file.run());
      this.connection = file.connect();
      this.lines = new RoomLines(connection, events, file.epoch());
      this.writer = new StoreWriter(connection, events, file.epoch(), RoomLines.nextSeq(connection), clock::millis, file::inPlace);
    } catch (SQLException e) {
      file.close();
      throw new StoreException(file.db() + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Takes a deleted message out of the store: see {@link StoreWriter#deleted}. */
  public void deleted(String roomKey, String id) {
    writer.deleted(roomKey, id);
  }

  /** Keeps a default-room message as the room said it, for scrollback and search: see {@link StoreWriter#said}. */
  @Override
  public void said(ChatMessage message) {
    writer.said(message);
  }

  @Override
  public void awaitKept() {
    if (!writer.failing()) { // A store that cannot write would have every reader wait in vain.
      writer.awaitSaidKept(KEPT_WAIT_MILLIS);
    }
  }

  /** Replays the store's past to the room, on the caller's thread, then starts writing. */
  @Override
  public void start(Listener room) {
    Set<Who> online = new LinkedHashSet<>();
    long[] replayed = {0};
    try {
      room.registeredInReplay(lines.registeredInReplay(replayCount));
      lines.replay(replayCount, entry -> {
        replayed[0]++;
        track(online, entry.event());
        room.entry(entry);
      });
    } catch (SQLException e) {
      throw new StoreException(file.db() + " cannot be read: " + e.getMessage(), e);
    }
    if (replayed[0] > 0) {
      log.info("Read the latest {} events from {}{}", replayed[0], file.db(), online.isEmpty() ? ""
          : "; " + online.size() + (online.size() == 1 ? " person was" : " people were") + " online when it stopped, and may resume their sessions");
    }
    List<RoomEvent> leaves = new ArrayList<>(online.size());
    online.forEach(who -> leaves.add(new RoomEvent.Leave(who, "the server restarted", false)));
    writer.start(room, leaves);
  }

  /** Who is registered after this event, as far as the store can tell: a leave too many is nothing. */
  private static void track(Set<Who> online, RoomEvent event) {
    if (event instanceof RoomEvent.Join join) {
      online.add(join.who());
    } else if (event instanceof RoomEvent.Leave leave) {
      online.remove(leave.who());
    } else if (event instanceof RoomEvent.Roster roster) {
      roster.present().forEach(present -> online.add(new Who(roster.who().node(), present.connection())));
    }
  }

  @Override
  public boolean append(RoomEvent event) {
    return writer.offer(event);
  }

  /** False while the store cannot write: health answers 503 until a commit succeeds again. */
  @Override
  public boolean reachable() {
    return !writer.failing();
  }

  @Override
  public long millis() {
    return clock.millis();
  }

  @Override
  public boolean roomsApart() {
    return true;
  }

  @Override
  public void follow(String room, int count) {
    writer.follow(room, count);
  }

  @Override
  public void unfollow(String room) {
    writer.unfollow(room);
  }

  /** The directory's file, for the archive to read. */
  public StoreFile file() {
    return file;
  }

  /** Commits what was taken (the leaves of a server shutting down among them), then lets the file go. */
  @Override
  public void close() {
    try {
      writer.close(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("Could not close the store cleanly: {}", e.toString());
    }
    file.close();
  }
}
