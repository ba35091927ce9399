package dev.termchat.client;

import dev.termchat.protocol.Presence;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is online on this connection, as shown: the first list whole; after that, joins and leaves
 * as they come, from the server's presence events where it sends them, else from the difference
 * between each list and the last.
 *
 * <p>Runs on the session thread alone; each field is confined to it.
 */
final class Roster {
  private final ChatView view;
  /** Whether this connection's server sends presence events. */
  private boolean presenceEvents;
  /** The last list of this connection; null before its first. */
  private List<String> shown;

  Roster(ChatView view) {
    this.view = view;
  }

  /** A new connection: nothing known of who is online on it. */
  void opened() {
    presenceEvents = false;
    shown = null;
  }

  void presenceEvents(boolean sent) {
    presenceEvents = sent;
  }

  boolean presenceEvents() {
    return presenceEvents;
  }

  /** Shows a list from the server; true when it was this connection's first. */
  boolean list(List<String> names) {
    List<String> previous = shown;
    shown = names;
    if (previous == null) {
      view.users(names);
      return true;
    }
    if (!presenceEvents) {
      Set<String> before = new HashSet<>(previous);
      Set<String> after = new HashSet<>(names);
      previous.stream().filter(who -> !after.contains(who)).forEach(view::left);
      names.stream().filter(who -> !before.contains(who)).forEach(view::joined);
    }
    return false;
  }

  void presence(Presence presence) {
    if (presenceEvents && shown != null) {
      for (String who : presence.names()) {
        if (presence.joined()) {
          view.joined(who);
        } else {
          view.left(who);
        }
      }
    }
  }

  /** Who is online; empty before this connection's first list. */
  Optional<List<String>> users() {
    return Optional.ofNullable(shown);
  }

  /** Who else is online, but for this name; empty when not known. */
  Optional<List<String>> others(String self) {
    return users().map(names -> names.stream().filter(who -> !who.equals(self)).toList());
  }
}
