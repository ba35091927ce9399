package dev.termchat.client;

import dev.termchat.protocol.Options;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Wire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rooms a session asks to be in on every connection ({@code --join}, {@code /join}, less
 * {@code /part}), and where it left each off: the id of the last message seen there, or where it
 * entered, so that one register resumes them all. By key ({@link RoomNames#keyOf}), under the
 * name the server gave.
 *
 * <p>Runs on the session thread alone; each field is confined to it.
 */
final class WantedRooms {
  /** The rooms asked for, by key, under the name asked or given. */
  private final Map<String, String> wanted = new LinkedHashMap<>();
  /** Where to resume each room after, by key. */
  private final Map<String, String> positions = new LinkedHashMap<>();

  WantedRooms(List<String> rooms) {
    rooms.forEach(this::want);
  }

  static String key(String room) {
    return RoomNames.keyOf(room);
  }

  void want(String room) {
    wanted.putIfAbsent(key(room), room);
  }

  void unwant(String room) {
    wanted.remove(key(room));
    positions.remove(key(room));
  }

  /** The first room wanted, where lines go before the server put the session in any; empty for none. */
  Optional<String> first() {
    return wanted.values().stream().findFirst();
  }

  /** The name a wanted room goes by, or {@code null} when it is not wanted. */
  String nameOf(String key) {
    return wanted.get(key);
  }

  /** The server put the session in the room, under this name, entered at this position if known. */
  void entered(String room, String at) {
    wanted.put(key(room), room);
    if (at != null) {
      positions.putIfAbsent(key(room), at);
    }
  }

  /**
   * The server did not know the session (it restarted, or the session's window ran out): where
   * the rooms were left off is in a log that is gone, and each room's new join says where to
   * resume it after.
   */
  void newSession() {
    positions.clear();
  }

  /**
   * The server took the register at this position, before it put the session in any room it
   * lists: a room whose own join has not come yet (the cable may go first) is resumed after it,
   * so that nothing said there after the register is missed.
   */
  void registered(String at) {
    wanted.keySet().forEach(key -> positions.putIfAbsent(key, at));
  }

  /** A message with this id was seen in the room: where to resume it after. */
  void seen(String room, String id) {
    if (id != null) {
      positions.put(key(room), id);
    }
  }

  /**
   * The register options of a new connection, beside its history: rooms are asked for of every
   * server, one without them ignores the option; a server that had them last time ({@code
   * served}) is asked to resume each room after its own position, another after the last message
   * seen.
   */
  List<String> registerOptions(Resumption resumption, boolean served) {
    List<String> options = new ArrayList<>();
    if (served) {
      List<String> rooms = registerOptions(resumption.hasToken() && resumption.historyKept());
      options.addAll(resumption.tokenOptions(resumption.hasToken(), Options.values(rooms, Wire.OPTION_RESUME).size()));
      options.addAll(rooms);
    } else {
      options.addAll(resumption.registerOptions(resumption.hasToken()));
      options.addAll(registerOptions(false));
    }
    return options;
  }

  /** The rooms wanted, and, when asked to resume, where to resume each: {@code resume=#dev:ID}. */
  private List<String> registerOptions(boolean resume) {
    List<String> options = new ArrayList<>();
    options.add(Options.of(Wire.OPTION_ROOMS, String.join(",", wanted.values())));
    if (resume) {
      wanted.keySet().stream()
          .filter(positions::containsKey)
          .forEach(key -> options.add(Options.of(Wire.OPTION_RESUME, wanted.get(key) + Wire.ROOM_POSITION_SEPARATOR + positions.get(key))));
    }
    return options;
  }
}
