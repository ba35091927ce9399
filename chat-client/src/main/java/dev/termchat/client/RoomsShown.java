package dev.termchat.client;

import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.RoomNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the rooms a session is in are shown and stepped through: the prompt's state, the order the
 * keys go in, everyone in them. Reads the rooms as {@link ChatRooms} keeps them, by key in the
 * order entered; keeps nothing of its own.
 */
final class RoomsShown {
  private RoomsShown() {}

  /** The room so many places after the current one, in the order entered (before, if negative). */
  static Optional<String> step(Map<String, JoinedRoom> in, String current, int by) {
    List<String> keys = new ArrayList<>(in.keySet());
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    int at = Math.max(0, keys.indexOf(current));
    int next = Math.floorMod(at + by, keys.size());
    return Optional.of(in.get(keys.get(next)).name);
  }

  /** The n-th room entered, from 1. */
  static Optional<String> numbered(Map<String, JoinedRoom> in, int n) {
    return in.values().stream().skip(n - 1L).findFirst().map(room -> room.name);
  }

  /** The rooms a session knows of, each once by key: its own, then those the last /list named. */
  static List<String> known(List<String> own, List<String> listed) {
    Map<String, String> known = new LinkedHashMap<>();
    own.forEach(room -> known.put(WantedRooms.key(room), room));
    listed.forEach(room -> known.putIfAbsent(WantedRooms.key(room), room));
    return List.copyOf(known.values());
  }

  /** Everyone in any of the rooms, each once; empty while no room's members are known. */
  static Optional<List<String>> everyone(Map<String, JoinedRoom> in) {
    if (in.values().stream().allMatch(room -> room.members == null)) {
      return Optional.empty();
    }
    Set<String> all = new LinkedHashSet<>();
    in.values().stream().filter(room -> room.members != null).forEach(room -> all.addAll(room.members));
    return Optional.of(List.copyOf(all));
  }

  /** Who came and went in a room whose members are known; the session's own arrival, which its list shows, is not said again. */
  static void presence(JoinedRoom room, Presence presence, String self, String tag, ChatView view) {
    for (String who : presence.names()) {
      if (presence.joined()) {
        if (room.members.contains(who) && who.equals(self)) {
          continue;
        }
        if (!room.members.contains(who)) {
          room.members.add(who);
        }
        view.joined(who, tag);
      } else {
        room.members.remove(who);
        view.left(who, tag);
      }
    }
  }

  /**
   * What the prompt shows of the rooms: the current one, and the others with unread lines, with
   * how many, and how many of those mention the session: {@code #dev [#ops 3, #general 2 @1]}.
   * Empty in the default room alone, or in none.
   */
  static String promptState(Map<String, JoinedRoom> in, String current, String currentName) {
    if (current == null || (in.size() == 1 && current.equals(RoomNames.keyOf(RoomNames.DEFAULT_ROOM)))) {
      return "";
    }
    List<String> others = new ArrayList<>();
    for (Map.Entry<String, JoinedRoom> entry : in.entrySet()) {
      String shown = entry.getValue().unreadShown();
      if (!entry.getKey().equals(current) && !shown.isEmpty()) {
        others.add(shown);
      }
    }
    String name = Printable.escape(currentName);
    return others.isEmpty() ? name : name + " [" + String.join(", ", others) + "]";
  }
}
