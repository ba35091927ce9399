package dev.termchat.server.room;

/**
 * Where room events go to be put in one order and numbered, and from where the room takes them,
 * in that order: in this process's memory, or, for a cluster, a log that every node shares. The
 * room takes what {@link #start} hands it; it never assigns an id itself.
 */
public interface RoomLog extends AutoCloseable {
  /** Starts handing every entry, in log order, to the room. */
  void start(Listener room);

  /**
   * Appends an event, without waiting for a log that is far away: it reaches the room in log
   * order, with its id, or, if the log cannot keep it after all, comes back through {@link
   * Listener#lost}.
   *
   * @return false when the log cannot take it now (a shared log that is out of reach); it is
   *     not in the log, and will not come back
   */
  boolean append(RoomEvent event);

  /**
   * The log's time now, in milliseconds, as the entries it numbers now will carry it: what the
   * room paces presence by, so that a test that moves the log's clock moves the pacing too.
   */
  default long millis() {
    return System.currentTimeMillis();
  }

  /** Whether the log takes events now; a log in this process always does. */
  default boolean reachable() {
    return true;
  }

  @Override
  void close();

  /** What the log hands the room; called on the log's threads, so each must not block. */
  interface Listener {
    /** The next entry, in log order. */
    void entry(LogEntry entry);

    /** An event the log took but could not keep: no node will see it. */
    void lost(RoomEvent event);

    /**
     * The log may have lost entries that the others relied on (it started, was out of reach or
     * came back empty): the room says again who is on this node, so that every node's list is
     * whole again.
     */
    void mayHaveLost();
  }
}
