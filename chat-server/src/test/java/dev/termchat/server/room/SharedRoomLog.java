package dev.termchat.server.room;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One log that the rooms of several nodes share, as a cluster's nodes share Redis's stream: each
 * room is handed every entry, in one order, on the appending thread. A cluster's rules, with no
 * Redis and no sockets.
 */
final class SharedRoomLog {
  private final Clock clock;
  /** The rooms that started on this log; guarded by this, as is {@link #last}. */
  private final List<RoomLog.Listener> rooms = new ArrayList<>();
  private long last;

  SharedRoomLog(Clock clock) {
    this.clock = clock;
  }

  /** A node's end of the log, for its room. */
  RoomLog forNode() {
    return new RoomLog() {
      @Override
      public void start(Listener room) {
        synchronized (SharedRoomLog.this) {
          rooms.add(room);
        }
      }

      @Override
      public boolean append(RoomEvent event) {
        return SharedRoomLog.this.append(event);
      }

      @Override
      public void close() {
        // Nothing held.
      }
    };
  }

  private synchronized boolean append(RoomEvent event) {
    LogEntry entry = new LogEntry(clock.millis() + "-" + ++last, clock.millis(), event);
    rooms.forEach(room -> room.entry(entry));
    return true;
  }
}
