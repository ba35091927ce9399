package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.ScrollbackPage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each room's lines on screen begin: the id of the oldest message shown there, before which
 * {@code /history} and PageUp ask for more, and whether the server said it keeps nothing older.
 * Rooms by {@link WantedRooms#key}; a session without rooms is in the default room.
 *
 * <p>Runs on the session thread alone; each field is confined to it.
 */
final class EarlierLines {
  private final Map<String, String> oldest = new HashMap<>();
  /** The rooms whose every kept message was shown: the server said there is no more. */
  private final Set<String> allShown = new HashSet<>();

  /**
   * A message was shown in a room ({@code null}: the default room). History comes before what
   * is live, so the first one shown in a room is its oldest, until a page goes further back.
   */
  void shown(String room, String id) {
    if (id != null) {
      oldest.putIfAbsent(key(room), id);
    }
  }

  /** A page of earlier messages was shown: they begin the room's lines now. */
  void paged(ScrollbackPage page) {
    String key = key(page.room());
    if (!page.messages().isEmpty()) {
      ChatMessage first = page.messages().get(0);
      if (first.id() != null) {
        oldest.put(key, first.id());
      }
    }
    if (!page.more()) {
      allShown.add(key);
    }
  }

  /** The id of the oldest message shown in a room; empty when none was. */
  Optional<String> oldest(String room) {
    return Optional.ofNullable(oldest.get(key(room)));
  }

  /** Whether the server said it keeps nothing older in this room than what was shown. */
  boolean allShown(String room) {
    return allShown.contains(key(room));
  }

  private static String key(String room) {
    return WantedRooms.key(room == null ? RoomNames.DEFAULT_ROOM : room);
  }
}
