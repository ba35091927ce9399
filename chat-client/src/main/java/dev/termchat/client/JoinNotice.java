package dev.termchat.client;

import java.util.List;
import java.util.Optional;

/**
 * What is said when a connection joins: under which name, and why not the one asked for (taken,
 * held, refused), which may have to wait for who is online; whether it is a reconnection, and
 * whether the server knew the session.
 *
 * <p>Runs on the session thread alone; each field is confined to it, and set afresh when a
 * connection opens.
 */
final class JoinNotice {
  private final ChatView view;
  /** The name sent in this connection's register frame. */
  private String requested;
  private boolean reconnected;
  /** Whether the server did not know this connection's resume token: the session is new. */
  private boolean newSession;
  /** Whether the server refused the name this connection asked for as a name. */
  private boolean nameRefused;
  /** Whether this connection joined under another name, to be said once who is online is known. */
  private boolean untold;
  /** Whether the server said the name asked for is an account's, which this connection is not logged in to. */
  private boolean registered;

  JoinNotice(ChatView view) {
    this.view = view;
  }

  void opened(String requested, boolean reconnected) {
    this.requested = requested;
    this.reconnected = reconnected;
    newSession = false;
    nameRefused = false;
    untold = false;
    registered = false;
  }

  /** The server said the name asked for is a registered account's: that is why it was not given. */
  void registered() {
    registered = true;
  }

  /** The server did not know the session this connection resumed. */
  void newSession() {
    newSession = true;
  }

  /** The server refused the name asked for as a name. */
  void nameRefused() {
    nameRefused = true;
  }

  /**
   * The connection joined under this name: said now, or, when another name than the one asked for
   * and who is online is not known yet, with the list that follows at once.
   */
  void joined(String name, boolean onlineKnown) {
    if (!name.equals(requested) && !nameRefused && !registered && !onlineKnown) {
      untold = true;
    } else {
      say(name, Optional.empty(), true);
    }
  }

  /**
   * Who is online came, or, on a server with rooms, who is in the first room: the join is said
   * now, if it waited for it.
   */
  void listed(String name, List<String> online, boolean everyone) {
    if (untold) {
      untold = false;
      say(name, Optional.of(online), everyone);
    }
  }

  /** @param everyone whether {@code online} is everyone online, not only those in one room */
  private void say(String name, Optional<List<String>> online, boolean everyone) {
    String why = "";
    if (!name.equals(requested)) {
      why =
          nameRefused
              ? "the server refused " + requested
              : registered
              ? requested + " is a registered name"
              : NameNotGiven.why(requested, online.map(names -> names.stream().filter(who -> !who.equals(name)).toList()), everyone);
    }
    view.connected(name, why, reconnected, newSession);
  }
}
