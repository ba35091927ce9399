package dev.termchat.server.room;

import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Wire;
import dev.termchat.server.room.Roles.Rank;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ranks of those in a room, for the answer to a rooms client's join: {@code op=NAME} for its
 * owner, an operator or a server operator, {@code voice=NAME} for a voiced member, as IRC's NAMES
 * marks them {@code @} and {@code +}. What changes after comes as the room's moderation notices.
 * Room thread only.
 */
final class RoleMarks {
  private RoleMarks() {}

  static List<String> of(Room room, Roles roles, UserRegistry registry) {
    Roles.Ranked ranked = roles.ranked(room);
    List<String> marks = new ArrayList<>();
    for (String key : ranked.serverOperators()) {
      inRoom(room, registry, key).ifPresent(name -> marks.add(Options.of(Wire.OPTION_OP, name)));
    }
    for (Map.Entry<String, Rank> account : ranked.accounts().entrySet()) {
      if (!ranked.serverOperators().contains(account.getKey())) {
        inRoom(room, registry, account.getKey()).ifPresent(name -> marks.add(mark(account.getValue(), name)));
      }
    }
    for (Map.Entry<Who, Rank> connection : ranked.connections().entrySet()) {
      String name = room.contains(connection.getKey()) ? registry.nameOf(connection.getKey()) : null;
      if (name != null && !ranked.serverOperators().contains(NameKeys.keyOf(name))) {
        marks.add(mark(connection.getValue(), name));
      }
    }
    return marks;
  }

  /** The name of the one in the room under this name key, if anyone is. */
  private static Optional<String> inRoom(Room room, UserRegistry registry, String key) {
    return registry.whoIs(key).filter(room::contains).map(registry::nameOf);
  }

  private static String mark(Rank rank, String name) {
    return Options.of(rank.atLeast(Rank.OPERATOR) ? Wire.OPTION_OP : Wire.OPTION_VOICE, name);
  }
}
