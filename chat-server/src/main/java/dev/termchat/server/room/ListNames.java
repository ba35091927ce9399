package dev.termchat.server.room;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which names a users list names in a room bigger than its cap: the most recently active, those
 * who joined, took a name or spoke last, as Twitch stops naming the members of a channel past
 * 1,000. Each list costs its length times the room, so a list naming everyone in a room of
 * 100,000 would cost the square of the room (a megabyte to each, 100 GB to all); capped, it costs
 * the cap times the room, and a base client still hears no one its lists never named, for whoever
 * speaks becomes the most recent and is named by the next list ({@link UsersList}). Confined to
 * the room thread.
 */
final class ListNames {
  private final int cap;
  /** The most recently active names here, oldest first, at most {@link #cap} of them. */
  private final LinkedHashSet<String> recent = new LinkedHashSet<>();

  ListNames(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("a list names at least one, not " + cap);
    }
    this.cap = cap;
  }

  int cap() {
    return cap;
  }

  /** {@code name} joined, took that name or spoke: it is the most recent now. */
  void active(String name) {
    recent.remove(name);
    recent.add(name);
    if (recent.size() > cap) {
      Iterator<String> oldest = recent.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  void gone(String name) {
    recent.remove(name);
  }

  /**
   * The names a list names now: all of {@code everyone} while they are no more than the cap; past
   * it, the most recently active, topped up with the latest to join while a leave left room.
   *
   * @param size how many are in the room
   * @param everyone the room's names, in join order: asked for only within the cap or to top up,
   *     for in a big room it is a long list made anew after each join
   */
  List<String> pick(int size, Supplier<List<String>> everyone) {
    if (size <= cap) {
      return everyone.get();
    }
    List<String> picked = new ArrayList<>(cap);
    picked.addAll(recent);
    if (picked.size() == cap) {
      return picked;
    }
    List<String> all = everyone.get();
    for (int i = all.size() - 1; i >= 0 && picked.size() < cap; i--) {
      String name = all.get(i);
      if (!recent.contains(name)) {
        picked.add(name);
      }
    }
    return picked;
  }
}
