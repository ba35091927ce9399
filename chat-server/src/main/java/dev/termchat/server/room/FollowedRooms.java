package dev.termchat.server.room;

import dev.termchat.protocol.RoomNames;
import dev.termchat.server.room.RoomEvent.Line;
import dev.termchat.server.room.RoomEvent.Say;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The made rooms whose own logs this node reads, for a log that keeps rooms' lines apart ({@link
 * RoomLog#roomsApart}): a node follows a room while one of its connections is in it, and for
 * {@link #GRACE_MILLIS} after the last one left, so that part and join do not thrash.
 *
 * <p>A connection's room requests and lines come first to its {@link StagedRequests}: an entry
 * into a room this node does not follow waits there until the room's log is loaded, so that its
 * history is at hand when the entry is applied. A line read from a room's log waits until this node
 * has applied the node-wide log as far as the line's sender had ({@link Line#at}): its sender's
 * entry and name are known before it is shown, and every node shows it under the name it carries.
 * Confined to the room thread.
 */
final class FollowedRooms {
  /** How long a room is still followed after its last member on this node left. */
  static final long GRACE_MILLIS = 60_000;
  /** How long a line waits for the node-wide log at most: past it, a late notice beats a lost line. */
  static final long MAX_HOLD_MILLIS = 10_000;

  /** One followed room. */
  private static final class Followed {
    final String name;
    /** Its log as loaded, with the lines read since; {@code null} until the load comes. */
    RoomLoad load;
    final List<LogEntry> since = new ArrayList<>();
    /** Whether its history was made from the load: then lines are applied as they come. */
    boolean applied;
    /**
     * The room whose history was made from it: a room forgotten while followed (everyone left,
     * everywhere) and made again is another object, which takes over that history.
     */
    MadeRoom appliedTo;
    /** Lines read, waiting for the node-wide log to reach them, in the room's order. */
    final ArrayDeque<Held> held = new ArrayDeque<>();
    /**
     * Since when it has had no member on this node (since it was asked for, until the entry that
     * asked is applied); -1 while it has one.
     */
    long idleSince;

    Followed(String name, long now) {
      this.name = name;
      this.idleSince = now;
    }
  }

  private record Held(LogEntry entry, LogPosition at, long since) {}

  private final RoomLog log;
  /** This node, whose members keep a room followed. */
  private final String node;
  private final RoomDirectory rooms;
  private final RoomCursor cursor;
  private final int historySize;
  /** Applies a line of a room's log: the entry, with the room's own id and time. */
  private final Consumer<LogEntry> applyLine;
  /** Applies a room's load to its history: its lines become messages. */
  private final HistoryLoader loader;

  private final Map<String, Followed> followed = new HashMap<>();
  private final StagedRequests staged;
  /** Whether any room holds lines, so that most entries need no look. */
  private int holding;

  /** Makes a room's history from its load and the lines read since. */
  interface HistoryLoader {
    void load(MadeRoom room, RoomLoad load, List<LogEntry> since);
  }

  FollowedRooms(
      RoomLog log,
      String node,
      RoomDirectory rooms,
      RoomCursor cursor,
      int historySize,
      Consumer<RoomEvent> forward,
      Function<Say, Line> judge,
      Consumer<LogEntry> applyLine,
      Consumer<RoomEvent> settle,
      Consumer<RoomEvent> lost,
      HistoryLoader loader) {
    this.log = log;
    this.node = node;
    this.rooms = rooms;
    this.cursor = cursor;
    this.historySize = historySize;
    this.applyLine = applyLine;
    this.loader = loader;
    this.staged = new StagedRequests(this::ready, rooms, forward, judge, settle, lost);
  }

  /** Whether this event of a connection's goes through here rather than straight to the log. */
  static boolean staged(RoomEvent event) {
    return StagedRequests.staged(event);
  }

  /** A connection's room request or line, in the order of its frames. */
  void stage(RoomEvent event) {
    staged.stage(event);
  }

  /** A connection gone: what it staged and is still waiting is dropped, as its frames would be. */
  void gone(Who who) {
    staged.gone(who);
  }

  /** Whether the room is the default one or loaded here; if neither, it is asked for. */
  private boolean ready(String name) {
    Optional<Room> known = rooms.find(name);
    if (known.isPresent() && known.get().isDefault()) {
      return true;
    }
    String key = RoomNames.keyOf(name);
    Followed room = followed.get(key);
    if (room == null) {
      room = new Followed(name, now());
      followed.put(key, room);
      log.follow(name, historySize);
    } else if (room.applied && made(name).orElse(null) != room.appliedTo) {
      // Forgotten here while followed (everyone left, everywhere), and perhaps made again: the
      // lines said since went to no history of this node's, so it is read afresh.
      readAgain(room);
    }
    return room.load != null;
  }

  /** Forgets what was loaded of the room and asks for it again. */
  private void readAgain(Followed room) {
    if (room.appliedTo != null) {
      room.appliedTo.history().clear();
      room.appliedTo = null;
    }
    room.load = null;
    room.applied = false;
    room.since.clear();
    holding -= room.held.size();
    room.held.clear();
    log.follow(room.name, historySize);
  }

  /** A room's log as loaded: the entries waiting for it go on. */
  void loaded(RoomLoad load) {
    String key = RoomNames.keyOf(load.room());
    Followed room = followed.get(key);
    if (room == null) {
      return; // No longer followed.
    }
    if (!load.reached()) {
      followed.remove(key);
      log.unfollow(room.name);
      staged.release(key, true);
      return;
    }
    if (room.applied && room.appliedTo != null) {
      // Loaded again, its log found behind what was read: nothing before the newest this node
      // had, or the newest the log has now, is known to be whole.
      load = new RoomLoad(load.room(), true, load.latest(), load.last(), newest(room.appliedTo.history().last(), load.last(), load.wholeAfter()));
    }
    room.load = load;
    room.since.clear();
    holding -= room.held.size();
    room.held.clear();
    room.applied = false;
    Optional<MadeRoom> made = made(room.name);
    if (made.isPresent() && hasLocalMember(made.get())) {
      apply(made.get(), room); // Loaded again: found behind what was read.
    }
    staged.release(key, false);
  }

  /** A line of a followed room's log, in the room's order. */
  void entry(String name, LogEntry entry) {
    Followed room = followed.get(RoomNames.keyOf(name));
    if (room == null || room.load == null) {
      return;
    }
    if (!room.applied) {
      room.since.add(entry);
      return;
    }
    if (!(entry.event() instanceof Line line) || made(name).orElse(null) != room.appliedTo) {
      return; // Its room forgotten here: no one to tell, and it is read afresh if entered again.
    }
    Optional<LogPosition> at = LogPosition.of(line.at());
    if (room.held.isEmpty() && at.map(this::reached).orElse(true)) {
      applyLine.accept(entry);
      return;
    }
    room.held.add(new Held(entry, at.orElse(null), now()));
    holding++;
  }

  /** A member of this node is in the room now: its history is made from the load, if not yet. */
  void enteredHere(MadeRoom made) {
    Followed room = followed.get(RoomNames.keyOf(made.name()));
    if (room == null) {
      // Entered behind this node's back (the grace ran out between its entry and now): read it.
      room = new Followed(made.name(), now());
      followed.put(RoomNames.keyOf(made.name()), room);
      log.follow(made.name(), historySize);
    }
    room.idleSince = -1;
    if (room.load != null && !room.applied) {
      apply(made, room);
    } else if (room.applied && room.appliedTo != made) {
      // Forgotten and made again between its entry and now: read afresh, its history then made
      // for the members here when the load comes.
      readAgain(room);
    }
  }

  /** A member of this node left the room: with none left, the room is let go after the grace. */
  void leftHere(MadeRoom made, long now) {
    Followed room = followed.get(RoomNames.keyOf(made.name()));
    if (room != null && !hasLocalMember(made) && room.idleSince < 0) {
      room.idleSince = now;
    }
  }

  /** After each entry of the node-wide log: lines that waited for it are applied. */
  void reachedNext() {
    if (holding > 0) {
      releaseHeld(false, 0);
    }
  }

  /** Now and then: rooms idle past the grace are let go, lines held too long applied. */
  void expire(long now) {
    if (holding > 0) {
      releaseHeld(true, now);
    }
    for (Iterator<Map.Entry<String, Followed>> each = followed.entrySet().iterator(); each.hasNext(); ) {
      Followed room = each.next().getValue();
      if (room.idleSince >= 0 && now - room.idleSince >= GRACE_MILLIS) {
        each.remove();
        log.unfollow(room.name);
        if (room.appliedTo != null) {
          room.appliedTo.history().clear();
        }
      }
    }
  }

  private void apply(MadeRoom made, Followed room) {
    if (room.appliedTo != null && room.appliedTo != made) {
      room.appliedTo.history().clear();
    }
    loader.load(made, room.load, room.since);
    room.since.clear();
    room.applied = true;
    room.appliedTo = made;
  }

  private void releaseHeld(boolean expiring, long now) {
    for (Followed room : followed.values()) {
      while (!room.held.isEmpty()) {
        Held next = room.held.peek();
        boolean due = next.at() == null || reached(next.at()) || (expiring && now - next.since() >= MAX_HOLD_MILLIS);
        if (!due) {
          break;
        }
        room.held.poll();
        holding--;
        applyLine.accept(next.entry());
      }
    }
  }

  /** Whether this node has applied the node-wide log as far as this position. */
  private boolean reached(LogPosition at) {
    LogEntry current = cursor.current();
    if (current == null) {
      return false;
    }
    Optional<LogPosition> here = LogPosition.of(current.id());
    return here.isEmpty() || !at.after(here.get());
  }

  /** The newest of these positions, as an id; {@code null} when none is one. */
  private static String newest(LogPosition had, String... ids) {
    LogPosition newest = had;
    for (String id : ids) {
      LogPosition position = id == null ? null : LogPosition.of(id).orElse(null);
      if (position != null && (newest == null || position.after(newest))) {
        newest = position;
      }
    }
    return newest == null ? null : newest.id();
  }

  /** The node-wide log's time, by which holds and the grace are kept. */
  private long now() {
    return cursor.current() == null ? 0 : cursor.time();
  }

  private Optional<MadeRoom> made(String name) {
    return rooms.find(name).filter(MadeRoom.class::isInstance).map(MadeRoom.class::cast);
  }

  private boolean hasLocalMember(MadeRoom made) {
    for (Who who : made.members()) {
      if (who.node().equals(node)) {
        return true;
      }
    }
    return false;
  }
}
