package dev.termchat.server.room;

import java.util.function.Consumer;

/**
 * Where room events go to be put in one order and numbered, and from where the room takes them,
 * in that order: in this process's memory, or, for a cluster, a log that every node shares. The
 * room takes what {@link #start} hands it; it never assigns an id itself.
 */
public interface RoomLog extends AutoCloseable {
  /** Starts handing every entry, in log order, to the room. */
  void start(Consumer<LogEntry> room);

  /**
   * Appends an event; it reaches the room in log order, with its id.
   *
   * @return false when the log cannot take it now (a shared log that is out of reach)
   */
  boolean append(RoomEvent event);

  @Override
  void close();
}
