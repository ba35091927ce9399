package dev.termchat.server.room;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions of extended clients: the token each was given when it registered, the name that
 * goes with it, held for it for a while after its connection drops, and the ids of its latest
 * lines, so that a line sent again after a reconnect is not said twice. Bounded: the oldest
 * sessions give way past {@value #MAX_SESSIONS}. Confined to the room thread.
 */
final class Sessions {
  static final int MAX_SESSIONS = 50_000;
  /** How many of a client's line ids are remembered to recognize a line sent again. */
  static final int REMEMBERED_IDS = 300;

  /** A client's session, on or off line. */
  static final class Session {
    private ResumeToken token;
    private String name;
    /** The connection on line with it, or {@code null}. */
    private Who online;
    /** The connection the last resume took it from, still on line then, or {@code null}. */
    private Who takenFrom;
    /** When its name stops being held, once its connection dropped; 0 while it is on line. */
    private long heldUntil;
    private final LinkedHashSet<String> recentIds = new LinkedHashSet<>();

    private Session(ResumeToken token, String name) {
      this.token = token;
      this.name = name;
    }

    ResumeToken token() {
      return token;
    }

    String name() {
      return name;
    }

    /**
     * The connection that still had this session when it was last resumed: half open, as after a
     * network change, before the server noticed; it must go.
     */
    Optional<Who> takenFrom() {
      return Optional.ofNullable(takenFrom);
    }

    /** Remembers a line's id; false when it was seen already. */
    boolean firstTime(String clientId) {
      if (clientId == null) {
        return true;
      }
      if (!recentIds.add(clientId)) {
        return false;
      }
      if (recentIds.size() > REMEMBERED_IDS) {
        Iterator<String> oldest = recentIds.iterator();
        oldest.next();
        oldest.remove();
      }
      return true;
    }
  }

  /** Keyed by the token's session part, oldest first. */
  private final LinkedHashMap<String, Session> bySession = new LinkedHashMap<>();
  private final Map<Who, Session> byWho = new HashMap<>();

  /** A new session for a connection. */
  Session open(Who who, ResumeToken token, String name) {
    Session session = new Session(token, name);
    session.online = who;
    bySession.put(token.session(), session);
    byWho.put(who, session);
    if (bySession.size() > MAX_SESSIONS) {
      Session oldest = bySession.values().iterator().next();
      bySession.remove(oldest.token.session());
      byWho.values().remove(oldest);
    }
    return session;
  }

  /**
   * The session a token proves, taken over by a new connection under a new secret, if its hold
   * has not run out. A session still on line is taken from its connection: a client comes back
   * with its token when it believes its connection dead, and the server may not know yet (a
   * connection that goes silent is found out only by the pings).
   */
  Optional<Session> resume(ResumeToken presented, Who who, ResumeToken next, long now) {
    Session session = bySession.get(presented.session());
    if (session == null
        || !session.token.matches(presented)
        || (session.online == null && session.heldUntil < now)) {
      return Optional.empty();
    }
    session.takenFrom = session.online;
    if (session.online != null) {
      byWho.remove(session.online);
    }
    session.online = who;
    // A new secret each time, so that a token seen on the wire once is worth nothing after; the
    // session part stays, as the name held for it is held under it.
    session.token = new ResumeToken(session.token.session(), next.secret());
    session.heldUntil = 0;
    byWho.put(who, session);
    return Optional.of(session);
  }

  Optional<Session> of(Who who) {
    return Optional.ofNullable(byWho.get(who));
  }

  /**
   * The connection dropped: its session waits until then to be resumed.
   *
   * @return the session, if the connection had one
   */
  Optional<Session> dropped(Who who, long heldUntil) {
    Session session = byWho.remove(who);
    if (session != null) {
      session.online = null;
      session.heldUntil = heldUntil;
    }
    return Optional.ofNullable(session);
  }

  /** The client closed its connection on purpose: its session is over. */
  void ended(Who who) {
    Session session = byWho.remove(who);
    if (session != null) {
      bySession.remove(session.token.session());
    }
  }

  /** Forgets sessions whose hold ran out. */
  void expire(long now) {
    bySession.values().removeIf(session -> session.online == null && session.heldUntil < now);
  }

  /** The session's new name, after a rename. */
  void renamed(Who who, String name) {
    Session session = byWho.get(who);
    if (session != null) {
      session.name = name;
    }
  }
}
