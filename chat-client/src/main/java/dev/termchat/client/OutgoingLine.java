package dev.termchat.client;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.SendAction;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.SendPrivate;

/**
 * A line the user typed, as it goes to the server, under an id of this client's, so that the
 * server can tell it apart from a copy sent again after a reconnect.
 *
 * @param to the recipient of a private message; {@code null} for a line to everyone
 */
record OutgoingLine(String clientId, Kind kind, String to, String text) {
  enum Kind {
    MESSAGE,
    ACTION,
    PRIVATE
  }

  /**
   * The frame that carries it: with its id to a server that takes ids, without to one that
   * does not.
   */
  ClientFrame frame(boolean withId) {
    String id = withId ? clientId : null;
    return switch (kind) {
      case MESSAGE -> new SendMessage(text, id);
      case ACTION -> new SendAction(text, id);
      case PRIVATE -> new SendPrivate(to, text, id);
    };
  }
}
