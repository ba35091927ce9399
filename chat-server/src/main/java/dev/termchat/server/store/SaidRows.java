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
 * the room's thread, written in the writer's next transaction, and waited for by a reader that
 * must see them. Never dropped: each is of an entry the writer committed, so there are never more
 * than the entries it committed since its last commit, and a row lost would leave a hole in
 * scrollback and search for good. The room says them in its log's order, and they are kept in
 * that order, so how far they are kept is one number ({@link MessageRows#saidThrough}).
 */
final class SaidRows {
  /** A message, under its sender's name, and the entry it is. */
  private record Said(long seq, ChatMessage message) {}

  /** Said, not yet taken by the writer. */
  private final Queue<Said> said = new ConcurrentLinkedQueue<>();
  /** Taken by the writer, not yet kept by a commit. Confined to the writer's thread. */
  private final List<Said> taken = new ArrayList<>();
  /** The newest row said that the store had kept when this server started. */
  private final long keptAtStart;
  /** The newest row said, and the newest kept; guarded by {@code this}. */
  private long lastSaid;
  private long lastKept;

  SaidRows(long keptAtStart) {
    this.keptAtStart = keptAtStart;
    this.lastSaid = keptAtStart;
    this.lastKept = keptAtStart;
  }

  /**
   * A message said, to keep unless the store kept it before this start (a start replays what it
   * had, and only rows a stop kept from being written are written again).
   *
   * @return whether it is to be kept
   */
  synchronized boolean add(long seq, ChatMessage message) {
    if (seq <= keptAtStart) {
      return false;
    }
    said.add(new Said(seq, message));
    lastSaid = Math.max(lastSaid, seq);
    return true;
  }

  /** Takes what was said since the last call into the writer's next transaction. */
  void take() {
    for (Said row; (row = said.poll()) != null; ) {
      taken.add(row);
    }
  }

  boolean isEmpty() {
    return taken.isEmpty();
  }

  int size() {
    return taken.size();
  }

  /** Writes what was taken, and how far that keeps them, in the caller's transaction. */
  void write(MessageRows messages) throws SQLException {
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

  /** Waits, at most so long, for every row said so far to be kept. */
  synchronized void awaitKept(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long target = lastSaid;
    try {
      for (long left = millis; lastKept < target && left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
