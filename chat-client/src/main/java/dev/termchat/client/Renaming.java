package dev.termchat.client;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Nick;
import dev.termchat.protocol.Printable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.BooleanSupplier;
import java.util.Optional;
import java.util.List;

/**
 * A /nick and the server's answer: the new name, or the old one, and why not the one asked for.
 *
 * <p>Runs on the session thread alone; each field is confined to it.
 */
final class Renaming {
  private final ChatView view;
  private final Consumer<ClientFrame> send;
  /** Who else is online, but for a name; empty when not known. */
  private final Function<String, Optional<List<String>>> others;
  /** Whether those others are everyone online, not only those in the session's rooms. */
  private final BooleanSupplier everyoneKnown;
  /** Whether the server tells the session's own rename in a frame of its own, beside the answer. */
  private final BooleanSupplier presenceEvents;
  /** The name the last /nick asked for, until the answer comes. */
  private String askedName;
  /** Why the last /nick did not get the name it asked for, to say so with the rename. */
  private String takenName;
  /** Whether a room told the rename before the answer to the /nick came, to be said with it. */
  private boolean toldFirst;
  /** Whether the answer came and the rename it confirmed is yet to be told by a room, and said. */
  private boolean untold;

  Renaming(
      ChatView view,
      Consumer<ClientFrame> send,
      Function<String, Optional<List<String>>> others,
      BooleanSupplier everyoneKnown,
      BooleanSupplier presenceEvents) {
    this.view = view;
    this.send = send;
    this.others = others;
    this.everyoneKnown = everyoneKnown;
    this.presenceEvents = presenceEvents;
  }

  /**
   * Asks for a new name, when it can be asked for.
   *
   * @param inTheRoom whether the session is in the room now, and caught up
   * @param serverRenames whether this connection's server can rename
   */
  void ask(String current, String newName, boolean inTheRoom, boolean serverRenames) {
    if (current.equals(NameRules.normalize(newName))) {
      view.info("you are already " + Printable.escape(current));
    } else if (!inTheRoom) {
      view.info("not connected: try /nick again once connected");
    } else if (!serverRenames) {
      view.info("this server cannot rename; reconnect under the new name instead");
    } else {
      askedName = newName;
      send.accept(new Nick(newName));
    }
  }

  /**
   * The server confirmed a name while the session was in the room: the answer to a /nick, if one
   * was asked, with the new name, or the old one when it was refused.
   *
   * @return whether it was that answer
   */
  boolean answered(String before, String now) {
    if (askedName == null) {
      return false;
    }
    if (!now.equals(before) && !NameKeys.keyOf(now).equals(NameKeys.keyOf(askedName))) {
      takenName = why(before);
    } else if (now.equals(before)) {
      // The free variant of the name asked for is the one it has (bob-2, asking for bob).
      view.info(Printable.escape("you are still " + now + " (" + why(before) + ")"));
    }
    askedName = null;
    if (!now.equals(before) && (toldFirst || !presenceEvents.getAsBoolean())) {
      renamed(before, now);
    } else if (!now.equals(before)) {
      untold = true;
    }
    toldFirst = false;
    return true;
  }

  private String why(String self) {
    return whyNot(askedName, self);
  }

  /** Why the server did not give {@code session} the name {@code asked}, from what this client knows. */
  String whyNot(String asked, String session) {
    return NameNotGiven.why(asked, others.apply(session), everyoneKnown.getAsBoolean());
  }

  /**
   * The server renames the session to this name of its own accord (a login typed in the room, to
   * the account's name): its answer is said as a /nick's, with why not, if it is another name.
   */
  void expect(String name) {
    askedName = name;
  }

  /** Whether a /nick (or a login's rename) waits for the server's answer, or for the room's word of it to be said. */
  boolean waiting() {
    return askedName != null || untold;
  }

  /** The session was renamed: said with why not the name asked for, if it was not. */
  void renamed(String from, String to) {
    if (askedName != null) {
      // Told by a room before the answer to the /nick: said with the answer, by when every room
      // of the session has told who came into it, so that why not the name asked for is said
      // from all the client can know (a room's newcomers are told it in a batch, a little later).
      toldFirst = true;
      return;
    }
    view.renamed(from, to, true, takenName == null ? "" : takenName);
    takenName = null;
    untold = false;
  }
}
