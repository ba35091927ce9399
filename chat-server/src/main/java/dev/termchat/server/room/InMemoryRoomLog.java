package dev.termchat.server.room;

import java.time.Clock;

/**
 * The log of a server on its own: an event reaches the room the moment it is appended, on the
 * appending thread. Ids are {@code START-N}, the time the log started and a counter, so that an
 * id a client kept from before a restart matches nothing after it. Thread-safe: appending is one step, so ids and the
 * order they reach the room agree.
 */
public final class InMemoryRoomLog implements RoomLog {
  private final Clock clock;

  /** Guarded by this; {@code null} until started. */
  private Listener room;

  private long last;
  private final String prefix;

  public InMemoryRoomLog(Clock clock) {
    this.clock = clock;
    this.prefix = clock.millis() + "-";
  }

  @Override
  public synchronized void start(Listener listener) {
    room = listener;
  }

  @Override
  public synchronized boolean append(RoomEvent event) {
    if (room == null) {
      throw new IllegalStateException("the log has not started");
    }
    room.entry(new LogEntry(prefix + ++last, clock.millis(), event));
    return true;
  }

  @Override
  public long millis() {
    return clock.millis();
  }

  @Override
  public void close() {
    // Nothing held.
  }
}
