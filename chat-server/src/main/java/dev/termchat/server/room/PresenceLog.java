package dev.termchat.server.room;

import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins, leaves and renames in the order they happened, handed out as the fewest presence frames
 * that keep that order: {@code +a +b -c +d} becomes joined [a, b], left [c], joined [d]; a
 * rename is a frame of its own. Not thread-safe; the room owns it.
 */
final class PresenceLog {
  private final List<ServerFrame> frames = new ArrayList<>();
  private final List<String> current = new ArrayList<>();
  private boolean currentJoined;

  void joined(String name) {
    add(true, name);
  }

  void left(String name) {
    add(false, name);
  }

  void renamed(String from, String to) {
    closeRun();
    frames.add(new Renamed(from, to));
  }

  private void add(boolean joined, String name) {
    if (!current.isEmpty() && currentJoined != joined) {
      closeRun();
    }
    currentJoined = joined;
    current.add(name);
  }

  /** Everything logged since the last drain, and forgets it. */
  List<ServerFrame> drain() {
    closeRun();
    List<ServerFrame> drained = List.copyOf(frames);
    frames.clear();
    return drained;
  }

  private void closeRun() {
    if (!current.isEmpty()) {
      frames.add(new Presence(currentJoined, current));
      current.clear();
    }
  }
}
