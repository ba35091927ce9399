package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.SendAction;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.SendPrivate;
import dev.termchat.protocol.Wire;
import java.util.Optional;
import java.util.Set;

/**
 * A line the user typed, as it goes to the server, under an id of this client's, so that the
 * server can tell it apart from a copy sent again after a reconnect.
 *
 * @param number its place among the lines typed, from 1; its id is made of it
 * @param to the recipient of a private message; {@code null} for a line to everyone
 * @param refusedBefore whether the server could not take it before (its log was out of reach)
 * @param room the room it is for, on a server with rooms; {@code null} for the default room
 */
record OutgoingLine(long number, Kind kind, String to, String text, boolean refusedBefore, String room) {
  enum Kind {
    MESSAGE,
    ACTION,
    PRIVATE
  }

  OutgoingLine(long number, Kind kind, String to, String text) {
    this(number, kind, to, text, false, null);
  }

  OutgoingLine(long number, Kind kind, String to, String text, String room) {
    this(number, kind, to, text, false, room);
  }

  /** The id it goes under: {@code c} and its number. */
  String clientId() {
    return "c" + number;
  }

  /** The same line, once the server could not take it. */
  OutgoingLine refused() {
    return new OutgoingLine(number, kind, to, text, true, room);
  }

  /**
   * The frame that carries it to a server that can do these, from this sender; empty when that
   * server cannot carry it at all (a private message, to a server without them).
   */
  Optional<ClientFrame> frameFor(Set<String> capabilities, String sender) {
    if (kind == Kind.PRIVATE && !capabilities.contains(Wire.CAPABILITY_PRIVATE)) {
      return Optional.empty();
    }
    if (kind == Kind.ACTION && !capabilities.contains(Wire.CAPABILITY_ACTIONS)) {
      // What the server would send base clients for an action: the same text.
      return Optional.of(new SendMessage(ChatMessage.actionText(sender, text)));
    }
    return Optional.of(frame(capabilities.contains(Wire.CAPABILITY_IDS), capabilities.contains(Wire.CAPABILITY_ROOMS)));
  }

  /**
   * The frame that carries it: with its id to a server that takes ids, without to one that
   * does not.
   */
  ClientFrame frame(boolean withId) {
    return frame(withId, false);
  }

  /** As {@link #frame(boolean)}, naming its room to a server with rooms. */
  ClientFrame frame(boolean withId, boolean withRoom) {
    String id = withId ? clientId() : null;
    String in = withRoom ? room : null;
    return switch (kind) {
      case MESSAGE -> new SendMessage(text, id, in);
      case ACTION -> new SendAction(text, id, in);
      case PRIVATE -> new SendPrivate(to, text, id);
    };
  }
}
