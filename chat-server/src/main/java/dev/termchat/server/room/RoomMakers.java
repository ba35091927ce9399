package dev.termchat.server.room;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How many of the rooms kept were made from each address range (a /24, a /64), so that one range
 * cannot take every room the server keeps and leave no one else a new one: at most a tenth of
 * them, and never fewer than one connection may be in. Loopback counts only with
 * {@code --limit-loopback}, as for the other bounds per range. Confined to the room thread.
 */
final class RoomMakers {
  /** The range a connection's rooms count in, or {@code null} when its rooms count in none. */
  private final Function<Who, String> rangeOf;
  private final int maxPerRange;
  private final Map<String, Integer> made = new HashMap<>();

  RoomMakers(Function<Who, String> rangeOf, int maxRooms, int maxRoomsPerConnection) {
    this.rangeOf = rangeOf;
    this.maxPerRange = Math.max(maxRooms / 10, maxRoomsPerConnection);
  }

  /** The range a registered connection's address is in; {@code null} for loopback unless it is limited. */
  static Function<Who, String> ranges(UserRegistry registry, boolean limitLoopback) {
    return who -> {
      UserRegistry.Entry entry = registry.entryOf(who);
      if (entry == null || entry.address() == null) {
        return null;
      }
      String host = AddressRange.hostOf(entry.address());
      return !limitLoopback && AddressRange.isLoopback(host) ? null : AddressRange.rangeOf(host);
    };
  }

  /** Why the connection may not make one more room, if it may not. */
  Optional<String> refusal(Who who) {
    String range = rangeOf.apply(who);
    if (range != null && made.getOrDefault(range, 0) >= maxPerRange) {
      return Optional.of("your address range has made " + maxPerRange + " of the rooms kept, the most one range may;"
          + " join one of them, or wait until one is forgotten");
    }
    return Optional.empty();
  }

  /** The connection made the room: it counts in its range until it is forgotten. */
  void made(MadeRoom room, Who who) {
    String range = who == null ? null : rangeOf.apply(who);
    room.madeFrom(range);
    if (range != null) {
      made.merge(range, 1, Integer::sum);
    }
  }

  void forgotten(MadeRoom room) {
    if (room.madeFrom() != null) {
      made.computeIfPresent(room.madeFrom(), (any, count) -> count > 1 ? count - 1 : null);
    }
  }
}
