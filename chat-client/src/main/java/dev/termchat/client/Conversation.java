package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.Resumed;
import java.util.HashSet;
import java.util.Set;

/**
 * What is said, as the server sends it: live messages (this client's own among them, which are
 * the echoes of its lines), history, and what was missed while away; each once, in the room it
 * was said in, and counted unread there when that room is not the current one.
 *
 * <p>Runs on the session thread alone; each field is confined to it.
 */
final class Conversation {
  private final ChatView view;
  private final LineSender lines;
  private final Resumption resumption;
  private final ChatRooms rooms;
  /** Whether the next history frame of the default room is the first of this connection. */
  private boolean firstHistory;
  /** The rooms whose history began on this connection: each says so once. */
  private final Set<String> historyBegun = new HashSet<>();

  Conversation(ChatView view, LineSender lines, Resumption resumption, ChatRooms rooms) {
    this.view = view;
    this.lines = lines;
    this.resumption = resumption;
    this.rooms = rooms;
  }

  /** A connection opened: its history has not begun. */
  void opened() {
    firstHistory = true;
    historyBegun.clear();
  }

  /**
   * @param room the room it was said in, for a rooms client; null otherwise
   * @param self the name this client has
   */
  void message(ChatMessage message, String room, String self) {
    boolean wasCatchingUp = resumption.catchingUp();
    if (resumption.arrived(message.id())) {
      boolean own = message.from().equals(self);
      if (room != null) {
        rooms.seen(room, message.id());
        if (!own) {
          rooms.said(room, Mentions.mentions(message.message(), self));
          view.roomsState(rooms.promptState());
        }
      }
      String tag = room == null ? null : rooms.tag(room);
      lines.echoed(own, message.clientId(), () -> view.message(message, own, tag));
    }
    if (wasCatchingUp && !resumption.catchingUp()) {
      lines.sendWaiting();
    }
  }

  void history(ChatMessage entry, String room) {
    if (resumption.arrived(entry.id())) {
      if (room != null) {
        rooms.seen(room, entry.id());
        view.history(entry, historyBegun.add(room), rooms.tag(room));
      } else {
        view.history(entry, firstHistory);
      }
      firstHistory = false;
    }
  }

  void privateMessage(PrivateChat message, String self) {
    boolean own = message.from().equals(self);
    lines.echoed(own, message.clientId(), () -> view.privateMessage(message, own));
  }

  void resumed(Resumed resumed, String room) {
    resumption.resumed(resumed.count());
    view.resumed(resumed.complete(), resumed.count(), room == null ? null : rooms.tag(room));
    lines.sendWaiting();
  }
}
