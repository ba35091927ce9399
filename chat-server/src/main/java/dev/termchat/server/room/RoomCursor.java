package dev.termchat.server.room;

/**
 * Where the room is in its log, which every rule reads: the entry being applied, whether it is
 * replayed, and whether the drain point has passed. One owner, so that the rules split by role
 * never disagree about it. Confined to the room thread, as every field says.
 */
final class RoomCursor {
  /** The entry being applied, or the last one applied; {@code null} before the first. Room thread. */
  private LogEntry current;

  /**
   * Whether the entry being applied is replayed, from before this node started: it is applied,
   * so that the node knows who is online and what was said, but not counted or logged again.
   * False between entries, so that what the room does of its own accord is counted. Room thread.
   */
  private boolean replaying;

  /**
   * Whether the drain point has been applied: messages, joins and renames that slipped into the
   * log behind it are refused, not applied. Room thread.
   */
  private boolean drained;

  /** The entry applied from now until {@link #applied}. */
  void applying(LogEntry entry) {
    current = entry;
    replaying = entry.replayed();
  }

  void applied() {
    replaying = false;
  }

  /** The entry being applied, or the last one applied; {@code null} before the first. */
  LogEntry current() {
    return current;
  }

  /** The id of the entry being applied: a message's id, the point a join happened at. */
  String id() {
    return current.id();
  }

  /** The time of the entry being applied: the log's, never this machine's. */
  long time() {
    return current.time();
  }

  boolean replaying() {
    return replaying;
  }

  boolean drained() {
    return drained;
  }

  void drain() {
    drained = true;
  }
}
