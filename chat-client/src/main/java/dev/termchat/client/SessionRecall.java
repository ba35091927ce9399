package dev.termchat.client;

import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Wire;
import java.util.Optional;

/**
 * What a person asks of what was said, from the console or a key: the messages before the oldest
 * one on screen in the room typed in ({@code /history N}, PageUp), and a search of that room
 * ({@code /search words}). Each is handed to the session thread, which sends one at a time
 * ({@link RecallRequests}); the answers are shown as they come ({@link ChatView#earlier},
 * {@link ChatView#found}).
 */
final class SessionRecall {
  /** The messages {@code /history} and PageUp ask for when no number is given. */
  static final int DEFAULT_COUNT = 50;

  private final SessionThread thread;
  private final SessionParts parts;
  private final ChatView view;
  /** Whether a person types: piped input asks of the room the script last named, as its lines go. */
  private final boolean interactive;

  SessionRecall(SessionThread thread, SessionParts parts, ChatView view, boolean interactive) {
    this.thread = thread;
    this.parts = parts;
    this.view = view;
    this.interactive = interactive;
  }

  /** Asks for the {@code count} messages (1 to 1,000) before the oldest shown in the room typed in. */
  void history(int count) throws InterruptedException {
    thread.await(() -> askEarlier(count));
  }

  /** PageUp: as {@code /history}; from a key, so it never waits. */
  void pageUp() {
    thread.post(() -> askEarlier(DEFAULT_COUNT));
  }

  /** Searches the room typed in for messages holding all these words. */
  void search(String words) throws InterruptedException {
    thread.await(() -> {
      Optional<String> room = room();
      if (room.isEmpty()) {
        return;
      }
      if (!parts.frames.capabilities().contains(Wire.CAPABILITY_SEARCH)) {
        view.info("this server does not search its messages: it keeps none");
        return;
      }
      parts.frames.recall().search(named(room.get()), words);
    });
  }

  private void askEarlier(int count) {
    Optional<String> room = room();
    if (room.isEmpty()) {
      return;
    }
    if (!parts.frames.capabilities().contains(Wire.CAPABILITY_SCROLLBACK)) {
      view.info("this server keeps no earlier messages to page back through");
      return;
    }
    parts.frames.recall().page(room.get(), named(room.get()), count);
  }

  /** The room typed in: the default room on a server without rooms; empty, and the person told why, when none. */
  private Optional<String> room() {
    if (!parts.open() || !parts.frames.joined()) {
      view.info("not connected; try again once reconnected");
      return Optional.empty();
    }
    if (!parts.frames.rooms().served()) {
      return Optional.of(RoomNames.DEFAULT_ROOM);
    }
    Optional<String> current = interactive ? parts.frames.rooms().current() : parts.frames.rooms().forPipedLines();
    if (current.isEmpty()) {
      view.info(SessionRooms.NO_ROOM);
    }
    return current;
  }

  /** The room as a frame names it: none on a server without rooms, whose one room is the default. */
  private String named(String room) {
    return parts.frames.rooms().served() ? room : null;
  }
}
