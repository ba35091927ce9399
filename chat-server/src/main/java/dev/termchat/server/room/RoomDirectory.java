package dev.termchat.server.room;

import dev.termchat.protocol.RoomNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rooms: the default one, and those made by entering them, found by name as user names are:
 * case, look-alike letters and invisible characters make no other room ({@code RoomNames}; a name
 * whose key is another's shape, or the other way round, is that room too, as for user names). A
 * room is forgotten when its last member goes and it keeps neither history nor a topic; one that
 * keeps some waits, idle, until the server holds as many rooms as it may and a new one needs the
 * place (the one idle longest goes). Confined to the room thread.
 */
final class RoomDirectory {
  private static final String DEFAULT_KEY = RoomNames.keyOf(RoomNames.DEFAULT_ROOM);
  private static final String DEFAULT_SHAPE = RoomNames.shapeOf(RoomNames.DEFAULT_ROOM);

  private final DefaultRoom general;
  private final int historySize;
  private final int maxRooms;
  private final int maxRoomsPerConnection;
  private final HistoryBudget budget;
  private final RoomMakers makers;
  private final Map<String, MadeRoom> byKey = new HashMap<>();
  private final Map<String, MadeRoom> byShape = new HashMap<>();
  /** Rooms by the very name a client gave, so that a line finds its room without ICU each time. */
  private final Map<String, Room> byName = new HashMap<>();
  /** The rooms other than the default one that each member is in, in the order it entered them. */
  private final Map<Who, Set<MadeRoom>> roomsOf = new HashMap<>();
  /** Rooms with no member kept for their history or topic, the one idle longest first. */
  private final Set<MadeRoom> idle = new LinkedHashSet<>();
  /**
   * What a room made from now on is whole after: where this node's log began (it knows nothing
   * said before), or later, where a room was forgotten with its history (a room made again under
   * its name may have had messages before). {@code null} before the first entry.
   */
  private LogPosition floor;
  /** Changes whenever a room is made or forgotten, or its members or topic change. */
  private long version;
  /**
   * Whether made rooms' lines are in logs of their own, read only by nodes with members there:
   * a room's history then says nothing about whether to keep it, since every node must decide
   * alike, and a history is made from the room's log when it is read, not from where it was made.
   */
  private boolean historiesApart;

  /**
   * @param maxRooms the most rooms the server keeps, the default one included
   * @param maxRoomsPerConnection the most rooms one connection may be in, the default one included
   */
  RoomDirectory(DefaultRoom general, int historySize, int maxRooms, int maxRoomsPerConnection, HistoryBudget budget, RoomMakers makers) {
    this.makers = makers;
    this.general = general;
    this.historySize = historySize;
    this.maxRooms = maxRooms;
    this.maxRoomsPerConnection = maxRoomsPerConnection;
    this.budget = budget;
  }

  /** Made rooms' histories come from logs of their own ({@link #historiesApart}). */
  void historiesApart() {
    historiesApart = true;
  }

  DefaultRoom general() {
    return general;
  }

  /** The room about to be applied is at this entry: the first one is where this node's log began. */
  void reached(String entryId) {
    if (floor == null) {
      floor = LogPosition.of(entryId).orElse(null);
    }
  }

  /** The room that goes by this acceptable, normalized name, if any: the default one included. */
  Optional<Room> find(String name) {
    Room known = byName.get(name);
    if (known != null) {
      return Optional.of(known);
    }
    String key = RoomNames.keyOf(name);
    String shape = RoomNames.shapeOf(name);
    Room room;
    if (key.equals(DEFAULT_KEY) || shape.equals(DEFAULT_SHAPE) || key.equals(DEFAULT_SHAPE) || shape.equals(DEFAULT_KEY)) {
      room = general;
    } else {
      room = firstOf(byKey.get(key), byShape.get(shape), byShape.get(key), byKey.get(shape));
    }
    if (room != null) {
      if (byName.size() > 4 * (byKey.size() + 16)) {
        byName.clear();
      }
      byName.put(name, room);
    }
    return Optional.ofNullable(room);
  }

  private static Room firstOf(MadeRoom... rooms) {
    for (MadeRoom room : rooms) {
      if (room != null) {
        return room;
      }
    }
    return null;
  }

  /** The rooms other than the default one the member is in, in the order it entered them. */
  List<MadeRoom> roomsOf(Who who) {
    return List.copyOf(roomsOf.getOrDefault(who, Set.of()));
  }

  /**
   * Why the member may not enter one more room, if it may not: it is in as many as one may be, or
   * the room is new and the server keeps as many as it may, none of them idle.
   */
  Optional<String> refusal(Who who, boolean newRoom) {
    int in = roomsOf.getOrDefault(who, Set.of()).size() + (general.contains(who) ? 1 : 0);
    if (in >= maxRoomsPerConnection) {
      return Optional.of("you are in " + in + " rooms, the most one connection may be in; part one first");
    }
    if (newRoom && count() >= maxRooms && idle.isEmpty()) {
      return Optional.of("the server has " + maxRooms + " rooms, the most it keeps; join one of them");
    }
    if (newRoom) {
      return makers.refusal(who);
    }
    return Optional.empty();
  }

  /**
   * A new room, made at this entry, under this acceptable, normalized name, which {@link #find}
   * does not know; the room idle longest is forgotten first when the server keeps as many as it may.
   */
  MadeRoom open(String name, String entryId, Who maker) {
    if (count() >= maxRooms) {
      Iterator<MadeRoom> longest = idle.iterator();
      MadeRoom forgotten = longest.next();
      longest.remove();
      forget(forgotten);
    }
    MadeRoom room = new MadeRoom(name, historySize, budget);
    if (!historiesApart) {
      room.history().madeAt(entryId, floor);
    }
    makers.made(room, maker);
    byKey.put(RoomNames.keyOf(name), room);
    byShape.put(RoomNames.shapeOf(name), room);
    version++;
    return room;
  }

  /** @return whether it was not in the room before */
  boolean enter(Who who, Room room) {
    version++;
    if (room instanceof MadeRoom made) {
      idle.remove(made);
      roomsOf.computeIfAbsent(who, any -> new LinkedHashSet<>()).add(made);
      return made.enter(who);
    }
    boolean outside = !general.contains(who);
    general.letIn(who);
    return outside;
  }

  /** @return whether it was in the room */
  boolean exit(Who who, Room room) {
    version++;
    if (!(room instanceof MadeRoom made)) {
      boolean inside = general.contains(who);
      general.keepOut(who);
      return inside;
    }
    Set<MadeRoom> rooms = roomsOf.get(who);
    if (rooms != null) {
      rooms.remove(made);
      if (rooms.isEmpty()) {
        roomsOf.remove(who);
      }
    }
    boolean was = made.exit(who);
    if (made.empty()) {
      if ((historiesApart || made.history().isEmpty()) && made.topic() == null) {
        forget(made);
      } else {
        idle.add(made);
      }
    }
    return was;
  }

  /** A room's topic changed. */
  void topicChanged() {
    version++;
  }

  /** Changes whenever a room is made or forgotten, or its members or topic change. */
  long version() {
    return version;
  }

  /** How many rooms there are, the default one included. */
  int count() {
    return 1 + byKey.size();
  }

  /** Every room, the default one first, then the others in no order. */
  List<Room> all() {
    List<Room> all = new ArrayList<>(count());
    all.add(general);
    all.addAll(byKey.values());
    return all;
  }

  private void forget(MadeRoom room) {
    LogPosition last = room.history().last();
    if (room.history().everKept() && last != null && (floor == null || last.after(floor))) {
      floor = last;
    }
    if (!historiesApart) {
      // Apart, the room's log keeps it, and a node that follows the room hands it on.
      room.history().clear();
    }
    makers.forgotten(room);
    byKey.remove(RoomNames.keyOf(room.name()));
    byShape.remove(RoomNames.shapeOf(room.name()));
    byName.values().removeIf(known -> known == room);
    version++;
  }
}
