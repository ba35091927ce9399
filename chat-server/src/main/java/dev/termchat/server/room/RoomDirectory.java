package dev.termchat.server.room;

import dev.termchat.protocol.RoomNames;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rooms: the default one, and those made by entering them, found by name as names are (case,
 * look-alike letters and invisible characters make no other room: {@code RoomNames}). A room is
 * forgotten when its last member goes and it keeps no history; one that keeps some waits, empty,
 * until the server holds as many rooms as it may and a new one needs the place (the one emptied
 * first goes). Confined to the room thread.
 */
final class RoomDirectory {
  private static final String DEFAULT_KEY = RoomNames.keyOf(RoomNames.DEFAULT_ROOM);

  private final DefaultRoom general;
  private final int historySize;
  private final int maxRooms;
  private final int maxRoomsPerMember;
  private final Map<String, Room> byKey = new HashMap<>();
  private final Map<String, Room> byShape = new HashMap<>();
  /** The rooms other than the default one that each member is in, in the order it entered them. */
  private final Map<Who, Set<Room>> roomsOf = new HashMap<>();
  /** Rooms with no member that keep history, the one emptied first first. */
  private final Set<Room> empty = new LinkedHashSet<>();

  /**
   * @param maxRooms the most rooms the server keeps, the default one included
   * @param maxRoomsPerMember the most rooms one connection may be in, the default one included
   */
  RoomDirectory(DefaultRoom general, int historySize, int maxRooms, int maxRoomsPerMember) {
    this.general = general;
    this.historySize = historySize;
    this.maxRooms = maxRooms;
    this.maxRoomsPerMember = maxRoomsPerMember;
  }

  DefaultRoom general() {
    return general;
  }

  /** Whether an acceptable, normalized room name is the default room's. */
  static boolean isDefault(String name) {
    return name.equals(RoomNames.DEFAULT_ROOM) || RoomNames.keyOf(name).equals(DEFAULT_KEY);
  }

  /** The room other than the default one that goes by this acceptable, normalized name, if any. */
  Optional<Room> find(String name) {
    Room room = byKey.get(RoomNames.keyOf(name));
    return Optional.ofNullable(room != null ? room : byShape.get(RoomNames.shapeOf(name)));
  }

  /** The rooms other than the default one the member is in. */
  Set<Room> roomsOf(Who who) {
    return roomsOf.getOrDefault(who, Set.of());
  }

  /**
   * Why the member may not enter one more room, if it may not: it is in as many as one may be, or
   * the room is new and the server keeps as many as it may.
   */
  Optional<String> refusal(Who who, boolean newRoom) {
    int in = roomsOf(who).size() + (general.contains(who) ? 1 : 0);
    if (in >= maxRoomsPerMember) {
      return Optional.of("you are in " + in + " rooms, the most one connection may be in; part one first");
    }
    if (newRoom && 1 + byKey.size() >= maxRooms && empty.isEmpty()) {
      return Optional.of("the server has " + maxRooms + " rooms, the most it keeps; join one of them");
    }
    return Optional.empty();
  }

  /** A new room, under this acceptable, normalized name, which {@link #find} does not know. */
  Room open(String name) {
    if (1 + byKey.size() >= maxRooms) {
      Iterator<Room> first = empty.iterator();
      forget(first.next());
      first.remove();
    }
    Room room = new Room(name, historySize);
    byKey.put(RoomNames.keyOf(name), room);
    byShape.put(RoomNames.shapeOf(name), room);
    return room;
  }

  /** @return whether it was not in the room before */
  boolean enter(Who who, Room room) {
    empty.remove(room);
    roomsOf.computeIfAbsent(who, any -> new LinkedHashSet<>()).add(room);
    return room.enter(who);
  }

  /** @return whether it was in the room */
  boolean exit(Who who, Room room) {
    Set<Room> rooms = roomsOf.get(who);
    if (rooms != null) {
      rooms.remove(room);
      if (rooms.isEmpty()) {
        roomsOf.remove(who);
      }
    }
    boolean was = room.exit(who);
    if (room.empty()) {
      if (room.history().isEmpty()) {
        forget(room);
      } else {
        empty.add(room);
      }
    }
    return was;
  }

  /** How many rooms there are, the default one included. */
  int count() {
    return 1 + byKey.size();
  }

  /** Every room but the default one, in no order. */
  List<Room> rooms() {
    return List.copyOf(byKey.values());
  }

  private void forget(Room room) {
    byKey.remove(RoomNames.keyOf(room.name()));
    byShape.remove(RoomNames.shapeOf(room.name()));
  }
}
