package dev.termchat.server.room;

/**
 * An event as the log gives it to the room: with the id the log gave it, which orders it among
 * all others and is a message's id, and the time it was logged.
 *
 * @param replayed whether the log held it before this node started: the room applies it, to know
 *     who is online and what was said, but it happened before, so it is not counted or logged again
 */
public record LogEntry(String id, long time, RoomEvent event, boolean replayed) {
  /**
   * The longest id a log gives, {@code MILLIS-SEQUENCE} with two numbers of up to 20 digits: a
   * resume id longer than this names no entry.
   */
  public static final int MAX_ID_CHARS = 41;

  /**
   * An id as a client sent it, cut to nothing when it is longer than any id: it names no entry
   * either way, and a log need not carry a long one.
   */
  public static String boundedId(String id) {
    return id.length() <= MAX_ID_CHARS ? id : "";
  }

  /** An entry appended while this node runs. */
  public LogEntry(String id, long time, RoomEvent event) {
    this(id, time, event, false);
  }
}
