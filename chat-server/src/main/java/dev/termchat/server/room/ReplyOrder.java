package dev.termchat.server.room;

import dev.termchat.server.room.RoomEvent.Refuse;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Refusals of frames of this node's connections, and the answers to what they only ask (the list
 * of rooms), told in the order of each connection's frames without going through the log: a refusal is decided, counted and logged here alone, so that in
 * a cluster the other nodes never hear of it. A connection's other frames do go through the log,
 * and their replies (a message's echo, a register's reply) come when the log hands them back: a
 * refusal of a frame sent after them waits until as many of the connection's events as it had
 * appended before it are handed back or lost, and is told then.
 *
 * <p>A refusal waits {@link #MAX_WAIT_NANOS} at most: past that, the log has skipped the events
 * it waits for (a node that read the shared log too slowly for its trim), and the client is
 * better told late than never.
 */
final class ReplyOrder {
  /** How long a refusal waits behind its connection's events at most. */
  static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** A refusal waiting for the first {@code after} events of its connection, since then. */
  private record Waiting(RoomEvent reply, long after, long since) {}

  /** One connection's events on their way through the log, and the refusals behind them. */
  private static final class Flight {
    /** The connection's events appended to the log, counted by whichever thread appends one. */
    final AtomicLong appended = new AtomicLong();
    /** How many of those the log handed back or lost. Confined to the room thread. */
    long settled;
    /** Refusals not told yet, in the order they came. Confined to the room thread. */
    final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  }

  /**
   * This node's connections, by who they are: added by the thread that attaches one, removed by
   * the room thread once its leave is applied or lost.
   */
  private final Map<Who, Flight> flights = new ConcurrentHashMap<>();
  /** Tells a refusal, or answers a question: on the room thread. */
  private final Consumer<RoomEvent> tell;
  /** The room thread's clock, by which refusals wait. */
  private final LongSupplier nanoTime;

  ReplyOrder(Consumer<RoomEvent> tell, LongSupplier nanoTime) {
    this.tell = tell;
    this.nanoTime = nanoTime;
  }

  /** A connection of this node, whose events and refusals are kept in order from now on. */
  void attach(Who who) {
    flights.putIfAbsent(who, new Flight());
  }

  /** On the appending thread, just before an event goes to the log. */
  void appending(RoomEvent event) {
    Flight flight = flights.get(event.who());
    if (flight != null) {
      flight.appended.incrementAndGet();
    }
  }

  /**
   * On the refusing thread, when the refusal is decided: how many of the connection's events it
   * comes after, for {@link #refuse}.
   */
  long position(Who who) {
    Flight flight = flights.get(who);
    return flight == null ? 0 : flight.appended.get();
  }

  /**
   * On the room thread: tells the refusal ({@link Refuse}) or answers the question ({@link
   * RoomEvent.ListRooms}) now, or once the events before it are settled.
   */
  void reply(RoomEvent reply, long after) {
    Flight flight = flights.get(reply.who());
    if (flight == null) {
      tell.accept(reply);
      return;
    }
    long now = nanoTime.getAsLong();
    flight.waiting.add(new Waiting(reply, after, now));
    tellDue(flight, now);
  }

  /**
   * On the room thread, after the log handed an event back and it was applied, or after it was
   * lost and undone: the refusals that waited for it are told.
   */
  void settled(RoomEvent event) {
    Flight flight = flights.get(event.who());
    if (flight == null) {
      return;
    }
    // At most as many as appended: a leave another node appended for this one, or an event
    // both lost and read back after a write that failed half-way, settles nothing more.
    flight.settled = Math.min(flight.settled + 1, flight.appended.get());
    tellDue(flight, nanoTime.getAsLong());
    if (event instanceof RoomEvent.Leave) {
      // Its last event: nothing it sent can be waited for any longer.
      flights.remove(event.who());
      flight.waiting.forEach(waiting -> tell.accept(waiting.reply()));
    }
  }

  /** On the room thread, now and then: refusals that waited too long are told. */
  void expire() {
    long now = nanoTime.getAsLong();
    for (Flight flight : flights.values()) {
      tellDue(flight, now);
    }
  }

  private void tellDue(Flight flight, long now) {
    for (Waiting waiting; (waiting = flight.waiting.peek()) != null; ) {
      if (waiting.after() > flight.settled && now - waiting.since() < MAX_WAIT_NANOS) {
        return;
      }
      flight.waiting.poll();
      flight.settled = Math.max(flight.settled, waiting.after());
      tell.accept(waiting.reply());
    }
  }
}
