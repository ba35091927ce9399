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

  /**
   * Whether made rooms' lines ({@link RoomEvent.Line}) go to a log of each room's own, which this
   * node reads only for the rooms it {@link #follow follows}: a cluster's Redis, whose rooms'
   * streams a Redis Cluster spreads over its shards. False for a log that carries every event in
   * one order, where a made room's lines are {@link RoomEvent.Say}s as the default room's are.
   */
  default boolean roomsApart() {
    return false;
  }

  /**
   * Starts reading a room's own log, when {@link #roomsApart}: its latest {@code count} lines
   * come back as one {@link RoomLoad} ({@link Listener#roomLoaded}), then each newer line through
   * {@link Listener#roomEntry}, in the room's order. Asked again for a room it follows, it loads
   * it again. Any thread; never blocks.
   *
   * @param room the room's name, normalized; rooms whose names have one key ({@code
   *     RoomNames.keyOf}) share one log
   */
  default void follow(String room, int count) {}

  /** Stops reading the room's own log. Any thread; never blocks. */
  default void unfollow(String room) {}

  @Override
  void close();

  /** What the log hands the room; called on the log's threads, so each must not block. */
  interface Listener {
    /** The next entry, in log order. */
    void entry(LogEntry entry);

    /**
     * Before the replay's first entry: the names that replayed entries register as accounts. The
     * accounts' store knows them already, but each is reserved only from its own entry on, as it
     * was when those entries were first applied: else a replayed join of the name's owner, before
     * its register, would get a variant, and every line said under it would show that variant.
     */
    default void registeredInReplay(java.util.Collection<String> names) {}

    /** An event the log took but could not keep: no node will see it. */
    void lost(RoomEvent event);

    /**
     * The log may have lost entries that the others relied on (it started, was out of reach or
     * came back empty): the room says again who is on this node, so that every node's list is
     * whole again.
     */
    void mayHaveLost();

    /** A followed room's latest lines, or word that its log could not be read. */
    default void roomLoaded(RoomLoad load) {}

    /** A new line of a followed room, in the room's order: its id is of the room's own log. */
    default void roomEntry(String room, LogEntry entry) {}
  }
}
