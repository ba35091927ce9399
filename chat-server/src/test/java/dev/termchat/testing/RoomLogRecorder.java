package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.termchat.server.room.LogEntry;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomLoad;
import dev.termchat.server.room.RoomLog;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RoomLog.Listener} that keeps what a log hands it about followed rooms, for a test to
 * take in order with a timeout: rooms' loads, rooms' entries, and what came back lost. The
 * node-wide log's entries are not kept.
 */
public final class RoomLogRecorder implements RoomLog.Listener {
  /** Long enough for a busy 2-core machine and a shard coming back. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A followed room's entry, with the room it was handed for. */
  public record RoomEntry(String room, LogEntry entry) {
    public RoomEvent.Line line() {
      return (RoomEvent.Line) entry.event();
    }
  }

  private final BlockingQueue<RoomLoad> loads = new LinkedBlockingQueue<>();
  private final BlockingQueue<RoomEntry> entries = new LinkedBlockingQueue<>();
  private final BlockingQueue<RoomEvent> lost = new LinkedBlockingQueue<>();

  @Override
  public void entry(LogEntry entry) {}

  @Override
  public void lost(RoomEvent event) {
    lost.add(event);
  }

  @Override
  public void mayHaveLost() {}

  @Override
  public void roomLoaded(RoomLoad load) {
    loads.add(load);
  }

  @Override
  public void roomEntry(String room, LogEntry entry) {
    entries.add(new RoomEntry(room, entry));
  }

  /** The next load, of any room; fails after {@link #TIMEOUT}. */
  public RoomLoad nextLoad() throws InterruptedException {
    return next(loads, "a room's load");
  }

  /** The next load, which must be the room's. */
  public RoomLoad nextLoadOf(String room) throws InterruptedException {
    RoomLoad load = nextLoad();
    assertEquals(room, load.room());
    return load;
  }

  public RoomEntry nextEntry() throws InterruptedException {
    return next(entries, "a room's entry");
  }

  public RoomEvent nextLost() throws InterruptedException {
    return next(lost, "an event back as lost");
  }

  /** Entries and loads received so far and not taken: what a test asserts it did not get. */
  public int untaken() {
    return entries.size() + loads.size();
  }

  private static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
    T next = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(next, "waited " + TIMEOUT + " in vain for " + what);
    return next;
  }
}
