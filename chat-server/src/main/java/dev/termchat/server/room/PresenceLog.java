package dev.termchat.server.room;

import dev.termchat.protocol.Presence;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins and leaves in the order they happened, handed out as the fewest presence frames that
 * keep that order: {@code +a +b -c +d} becomes joined [a, b], left [c], joined [d]. Not
 * thread-safe; the room owns it.
 */
final class PresenceLog {
  private final List<Presence> runs = new ArrayList<>();
  private final List<String> current = new ArrayList<>();
  private boolean currentJoined;

  void joined(String name) {
    add(true, name);
  }

  void left(String name) {
    add(false, name);
  }

  private void add(boolean joined, String name) {
    if (!current.isEmpty() && currentJoined != joined) {
      closeRun();
    }
    currentJoined = joined;
    current.add(name);
  }

  /** Everything logged since the last drain, and forgets it. */
  List<Presence> drain() {
    closeRun();
    List<Presence> drained = List.copyOf(runs);
    runs.clear();
    return drained;
  }

  private void closeRun() {
    if (!current.isEmpty()) {
      runs.add(new Presence(currentJoined, current));
      current.clear();
    }
  }
}
