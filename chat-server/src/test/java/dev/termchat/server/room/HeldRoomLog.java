package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A log that holds what the room appends until the test releases it, as a shared log far away
 * would: each event comes back, in order, when the test says, or is lost. Every event appended
 * is also kept, for the test to see what went to the log.
 */
final class HeldRoomLog implements RoomLog {
  private static final long TIMEOUT_SECONDS = 10;

  private final BlockingQueue<RoomEvent> held = new LinkedBlockingQueue<>();
  private final List<RoomEvent> appended = new CopyOnWriteArrayList<>();
  private final long time;
  private volatile Listener room;
  /** The last id given; guarded by this. */
  private long last;

  /** @param time the time of every entry */
  HeldRoomLog(long time) {
    this.time = time;
  }

  @Override
  public void start(Listener listener) {
    room = listener;
  }

  @Override
  public boolean append(RoomEvent event) {
    appended.add(event);
    held.add(event);
    return true;
  }

  /** Hands the oldest event held back to the room, which must be of this kind. */
  <T extends RoomEvent> T release(Class<T> kind) throws InterruptedException {
    T event = assertInstanceOf(kind, next());
    deliver(event);
    return event;
  }

  /** Hands the oldest event held back to the room as lost, which must be of this kind. */
  <T extends RoomEvent> T lose(Class<T> kind) throws InterruptedException {
    T event = assertInstanceOf(kind, next());
    room.lost(event);
    return event;
  }

  /** Hands the room an entry that it did not append here: another node's. */
  synchronized void deliver(RoomEvent event) {
    room.entry(new LogEntry("1-" + ++last, time, event));
  }

  /** Every event the room appended, in order. */
  List<RoomEvent> appended() {
    return List.copyOf(appended);
  }

  private RoomEvent next() throws InterruptedException {
    RoomEvent event = held.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (event == null) {
      fail("the room appended nothing within " + TIMEOUT_SECONDS + " s");
    }
    return event;
  }

  @Override
  public void close() {
    // Nothing held open.
  }
}
