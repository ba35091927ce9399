package dev.termchat.server.store;

import dev.termchat.protocol.ChatMessage;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The default room's messages as the room said them, on their way to {@code messages}: taken on
 * the room's thread, written by the writer in a later transaction, and waited for by a reader that
 * must see them. Never dropped: each is of an entry the writer committed, so there are never more
 * than the entries it committed since its last commit, and a row lost would leave a hole in
 * scrollback and search for good. The room says them in its log's order, and they are kept in
 * that order, so how far they are kept is one number ({@link MessageRows#saidThrough}).
 *
 * <p>They are written {@link #AT_ONCE} at a time, or once the oldest has waited {@link
 * #MAX_WAIT_MILLIS}, or at once when a reader wants them: not with every line's own commit. A
 * commit's cost here is the pages it writes before its fsync, and the search index's pages are
 * most of them; a line's echo waits only for its own entry. They need no commit of their own to be
 * safe: a start writes again every row after the last kept ({@link MessageRows#saidThrough}).
 */
final class SaidRows {
  /** Rows that are written together, at most; more wait for the next commit. */
  static final int AT_ONCE = 64;
  /** How long, by the store's clock, the oldest row taken waits before it is written anyway. */
  static final long MAX_WAIT_MILLIS = 200;

  /** A message, under its sender's name, and the entry it is. */
  private record Said(long seq, ChatMessage message) {}

  /** Said, not yet taken by the writer. */
  private final Queue<Said> said = new ConcurrentLinkedQueue<>();
  /** Taken by the writer, not yet kept by a commit. Confined to the writer's thread. */
  private final List<Said> taken = new ArrayList<>();
  /** When the oldest row of {@code taken} was taken, by the store's clock. Confined to the writer's thread. */
  private long oldestTakenAt;
  /** Whether a reader waits for the rows said so far: they are written at the next commit. */
  private volatile boolean wanted;
  /** The newest row said that the store had kept when this server started. */
  private final long keptAtStart;
  /** The newest row said, the newest kept, and how many said are not taken yet; guarded by {@code this}. */
  private long lastSaid;
  private long lastKept;
  private int untaken;

  SaidRows(long keptAtStart) {
    this.keptAtStart = keptAtStart;
    this.lastSaid = keptAtStart;
    this.lastKept = keptAtStart;
  }

  /**
   * A message said, to keep unless the store kept it before this start (a start replays what it
   * had, and only rows a stop kept from being written are written again).
   *
   * @return whether the writer should be woken for it: enough rows are waiting to be written
   */
  synchronized boolean add(long seq, ChatMessage message) {
    if (seq <= keptAtStart) {
      return false;
    }
    said.add(new Said(seq, message));
    lastSaid = Math.max(lastSaid, seq);
    return ++untaken == AT_ONCE;
  }

  /** Takes what was said since the last call, to write when {@link #due}. */
  void take(long now) {
    synchronized (this) {
      untaken = 0;
    }
    if (taken.isEmpty()) {
      oldestTakenAt = now;
    }
    for (Said row; (row = said.poll()) != null; ) {
      taken.add(row);
    }
  }

  /** Whether the rows taken are to be written now: enough of them, one old enough, or a reader waits. */
  boolean due(long now) {
    return !taken.isEmpty() && (wanted || taken.size() >= AT_ONCE || now - oldestTakenAt >= MAX_WAIT_MILLIS);
  }

  /** Whether any row said is not kept yet: the writer comes back for it within {@link #MAX_WAIT_MILLIS}. */
  boolean pending() {
    return !taken.isEmpty() || !said.isEmpty();
  }

  boolean isEmpty() {
    return taken.isEmpty();
  }

  int size() {
    return taken.size();
  }

  /** Writes what was taken, and how far that keeps them, in the caller's transaction. */
  void write(MessageRows messages) throws SQLException {
    wanted = false; // Those who want rows said after these set it again: see awaitKept.
    for (Said row : taken) {
      messages.said(row.seq(), row.message());
    }
    if (!taken.isEmpty()) {
      messages.saidThrough(taken.get(taken.size() - 1).seq());
    }
  }

  /** The transaction that wrote them committed: let those who wait read them. */
  void kept() {
    if (taken.isEmpty()) {
      return;
    }
    synchronized (this) {
      lastKept = taken.get(taken.size() - 1).seq();
      notifyAll();
    }
    taken.clear();
  }

  /**
   * Waits, at most so long, for every row said so far to be kept, which the writer, woken by
   * {@code wake}, writes at its next commit.
   */
  synchronized void awaitKept(long millis, Runnable wake) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long target = lastSaid;
    if (lastKept < target) {
      wanted = true;
      wake.run();
    }
    try {
      for (long left = millis; lastKept < target && left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
        wait(left);
        if (lastKept < target && !wanted) {
          // Written without the newest rows, said after the writer took its batch: want them too.
          wanted = true;
          wake.run();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
