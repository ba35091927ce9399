package dev.termchat.server.store;

import dev.termchat.protocol.RoomNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rooms' keys as the writer asks for them, kept for the rooms it wrote to last. A key folds the
 * name's case and look-alikes through ICU, which allocates several buffers a call; the writer
 * needs a key for every line it keeps, several times over, and most lines are in few rooms. A
 * room's key never changes, so a kept one is never stale. Confined to the writer's thread.
 */
final class RoomKeys {
  /** Rooms remembered; past this, the least recently asked for is forgotten. */
  private static final int REMEMBERED = 1024;

  private final Map<String, String> keys = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > REMEMBERED;
    }
  };

  String keyOf(String room) {
    String key = keys.get(room);
    if (key == null) {
      key = RoomNames.keyOf(room);
      keys.put(room, key);
    }
    return key;
  }
}
