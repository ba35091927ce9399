package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.Resumed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
  /**
   * The rooms whose log does not reach back to where the session left off, not said yet: said
   * once for all of them, once every room resumed has answered (after a restart, every room).
   */
  private final List<String> notReachedBack = new ArrayList<>();
  /**
   * Whether the server did not know this connection's session and the first answer to its resume,
   * which tells why, has not come yet.
   */
  private boolean newSessionUntold;

  Conversation(ChatView view, LineSender lines, Resumption resumption, ChatRooms rooms) {
    this.view = view;
    this.lines = lines;
    this.resumption = resumption;
    this.rooms = rooms;
  }

  /** A connection opened: its history has not begun. */
  void opened() {
    sayNotReachedBack(); // The last connection went before all its rooms answered.
    firstHistory = true;
    historyBegun.clear();
    newSessionUntold = false;
  }

  /** The server did not know the session this connection resumed: the answers to its resume tell why. */
  void newSession() {
    newSessionUntold = true;
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
        if (own && message.id() != null) {
          rooms.ownSaid(room, message.id());
        }
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
    lines.echoed(own, message.clientId(), () -> {
      view.privateMessage(message, own);
      if (own && message.kept()) {
        view.info(Printable.escape(message.to()) + " is offline: the message is kept until they log in");
      }
    });
  }

  void resumed(Resumed resumed, String room) {
    resumption.resumed(resumed.count());
    boolean logStartedAgain = !resumed.complete() && resumed.count() == 0;
    if (newSessionUntold && !logStartedAgain) {
      // The log still reaches back: the server did not restart without it; the session expired.
      view.sessionExpired();
    }
    newSessionUntold = false;
    if (room != null && logStartedAgain) {
      notReachedBack.add(room);
    } else {
      view.resumed(resumed.complete(), resumed.count(), room == null ? null : rooms.tag(room));
    }
    if (!resumption.awaitingResumes()) {
      sayNotReachedBack();
    }
    lines.sendWaiting();
  }

  /** A room the register listed was refused: what was missed there will not come. */
  void roomRefused() {
    resumption.roomRefused();
    sayNotReachedBack();
    lines.sendWaiting();
  }

  /** One room says it as it always did (the room typed in needs no name); several, in one line. */
  private void sayNotReachedBack() {
    if (notReachedBack.size() == 1) {
      view.resumed(false, 0, rooms.tag(notReachedBack.get(0)));
    } else if (notReachedBack.size() > 1) {
      view.notReachedBack(List.copyOf(notReachedBack));
    }
    notReachedBack.clear();
  }
}
