package dev.termchat.server.room;

import dev.termchat.protocol.RoomNames;
import dev.termchat.server.room.RoomEvent.Enter;
import dev.termchat.server.room.RoomEvent.Line;
import dev.termchat.server.room.RoomEvent.Say;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A connection's room requests and lines, for a log that keeps rooms' lines apart: they come
 * here on the room thread in the order of the connection's frames ({@link ReplyOrder}), counted as
 * appended when they were staged. An entry into a room whose log this node has not loaded waits,
 * with whatever the connection asks after it, until it is loaded ({@link FollowedRooms}); a line
 * for a made room is judged here, on its sender's node, and goes to the room's log as a {@link
 * Line}. Confined to the room thread.
 */
final class StagedRequests {
  /** Whether a room is the default one or its log is loaded here; if neither, it is asked for. */
  private final Predicate<String> ready;
  private final RoomDirectory rooms;
  /** Appends an event that was counted when it was staged. */
  private final Consumer<RoomEvent> forward;
  /** Judges a line on its sender's node: what goes to the room's log, or {@code null} when refused there. */
  private final Function<Say, Line> judge;
  /** Settles a staged event that goes nowhere: the replies behind it are told. */
  private final Consumer<RoomEvent> settle;
  /** Refuses a staged entry whose room could not be read, as a lost one is. */
  private final Consumer<RoomEvent> lost;
  /** Each connection's staged events waiting behind an entry into a room not loaded yet. */
  private final Map<Who, ArrayDeque<RoomEvent>> parked = new HashMap<>();

  StagedRequests(
      Predicate<String> ready,
      RoomDirectory rooms,
      Consumer<RoomEvent> forward,
      Function<Say, Line> judge,
      Consumer<RoomEvent> settle,
      Consumer<RoomEvent> lost) {
    this.ready = ready;
    this.rooms = rooms;
    this.forward = forward;
    this.judge = judge;
    this.settle = settle;
    this.lost = lost;
  }

  /** Whether this event of a connection's goes through here rather than straight to the log. */
  static boolean staged(RoomEvent event) {
    return event instanceof Enter
        || event instanceof RoomEvent.Exit
        || event instanceof RoomEvent.SetTopic
        || event instanceof RoomEvent.Moderate
        || (event instanceof Say say && say.room() != null);
  }

  /** A connection's room request or line, in the order of its frames. */
  void stage(RoomEvent event) {
    ArrayDeque<RoomEvent> waiting = parked.get(event.who());
    if (waiting != null) {
      waiting.add(event);
      return;
    }
    if (!go(event)) {
      parked.computeIfAbsent(event.who(), any -> new ArrayDeque<>()).add(event);
    }
  }

  /** Sends the event on, unless it is an entry that waits for its room's log: false then. */
  private boolean go(RoomEvent event) {
    if (event instanceof Enter enter && !ready.test(enter.room())) {
      return false;
    }
    if (event instanceof Say say) {
      Optional<Room> room = rooms.find(say.room());
      if (room.isPresent() && room.get().isDefault()) {
        forward.accept(say);
        return true;
      }
      Line line = judge.apply(say);
      if (line == null) {
        settle.accept(say);
      } else {
        forward.accept(line);
      }
      return true;
    }
    forward.accept(event);
    return true;
  }

  /** The entries waiting for this room go on; or, when it could not be read, are refused. */
  void release(String key, boolean unreachable) {
    for (Iterator<Map.Entry<Who, ArrayDeque<RoomEvent>>> each = parked.entrySet().iterator(); each.hasNext(); ) {
      ArrayDeque<RoomEvent> waiting = each.next().getValue();
      while (!waiting.isEmpty()) {
        RoomEvent next = waiting.peek();
        if (unreachable && next instanceof Enter enter && RoomNames.keyOf(enter.room()).equals(key)) {
          waiting.poll();
          lost.accept(enter);
          continue;
        }
        if (!go(next)) {
          break;
        }
        waiting.poll();
      }
      if (waiting.isEmpty()) {
        each.remove();
      }
    }
  }

  /** A connection gone: what it staged and is still waiting is dropped, as its frames would be. */
  void gone(Who who) {
    ArrayDeque<RoomEvent> waiting = parked.remove(who);
    if (waiting != null) {
      waiting.forEach(settle);
    }
  }
}
