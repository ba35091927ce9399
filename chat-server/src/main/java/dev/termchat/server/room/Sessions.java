package dev.termchat.server.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions of extended clients: the token each was given when it registered, the name that
 * goes with it, held for it for a while after its connection drops, and the ids of its latest
 * lines, so that a line sent again after a reconnect is not said twice.
 *
 * <p>Bounded, because a session outlives its connection: a session on line costs what its
 * connection's cap allows; those off line are bounded by {@link OfflineSessions}, per address, per
 * address range and in all, the least worth (time on line) giving way first, and each remembers its latest {@value LineIds#REMEMBERED} line ids
 * ({@link LineIds}): about 2 KB a session. A session on line is never given up for room.
 * Confined to the room thread.
 */
final class Sessions {
  /** A client's session, on or off line. */
  static final class Session {
    private ResumeToken token;
    private String name;
    private final String host;
    private final String range;
    /** The connection on line with it, or {@code null}. */
    private Who online;
    /** The connection the last resume took it from, still on line then, or {@code null}. */
    private Who takenFrom;
    /** When its name stops being held, once its connection dropped. */
    private long heldUntil;
    /** When its connection on line came, by the log's clock. */
    private long onlineSince;
    /** How long its connections were on line, those before the one on line now: its worth. */
    private long timeOnline;
    private final LineIds lineIds = new LineIds();

    private Session(ResumeToken token, String name, String address, long now) {
      this.token = token;
      this.onlineSince = now;
      this.name = name;
      this.host = AddressRange.hostOf(address);
      this.range = AddressRange.rangeOf(host);
    }

    ResumeToken token() {
      return token;
    }

    String name() {
      return name;
    }

    /** The IP address its client registered from. */
    String host() {
      return host;
    }

    /** The /24 or /64 of that address. */
    String range() {
      return range;
    }

    long heldUntil() {
      return heldUntil;
    }

    /** Milliseconds its connections were on line, up to the last one that dropped. */
    long timeOnline() {
      return timeOnline;
    }

    /** Its connection on line goes at {@code now}: the time it was on counts. */
    private void wentOffline(long now) {
      timeOnline += Math.max(0, now - onlineSince);
    }

    /**
     * The connection that still had this session when it was last resumed: half open, as after a
     * network change, before the server noticed; it must go.
     */
    Optional<Who> takenFrom() {
      return Optional.ofNullable(takenFrom);
    }

    /** The ids of its client's latest lines. */
    LineIds lineIds() {
      return lineIds;
    }
  }

  /** Every session, keyed by the token's session part. */
  private final Map<String, Session> bySession = new HashMap<>();
  private final Map<Who, Session> byWho = new HashMap<>();
  private final OfflineSessions offline;
  /** Sessions given up for room since last asked, whose names must be let go. */
  private final List<Session> evicted = new ArrayList<>();

  /** @param limitLoopback whether sessions from this machine count against the bounds per address and range */
  Sessions(boolean limitLoopback) {
    this.offline = new OfflineSessions(limitLoopback);
  }

  /** A new session for a connection, from {@code address:port}, on line from {@code now}. */
  Session open(Who who, ResumeToken token, String name, String address, long now) {
    Session session = new Session(token, name, address, now);
    session.online = who;
    bySession.put(token.session(), session);
    byWho.put(who, session);
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
      session.wentOffline(now);
    } else {
      offline.remove(session);
    }
    session.online = who;
    session.onlineSince = now;
    // A new secret each time, so that a token seen on the wire once is worth nothing after; the
    // session part stays, as the name held for it is held under it.
    session.token = new ResumeToken(session.token.session(), next.secret());
    byWho.put(who, session);
    return Optional.of(session);
  }

  Optional<Session> of(Who who) {
    return Optional.ofNullable(byWho.get(who));
  }

  /**
   * The connection dropped: its session waits until then to be resumed, unless it must give way
   * at once to the bounds.
   *
   * @param now when it dropped, by the log's clock
   * @return the session, if the connection had one
   */
  Optional<Session> dropped(Who who, long now, long heldUntil) {
    Session session = byWho.remove(who);
    if (session == null) {
      return Optional.empty();
    }
    session.wentOffline(now);
    session.online = null;
    session.heldUntil = heldUntil;
    for (Session givenUp : offline.add(session)) {
      bySession.remove(givenUp.token.session());
      evicted.add(givenUp);
    }
    return Optional.of(session);
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
    for (Session session : offline.expire(now)) {
      bySession.remove(session.token.session());
    }
  }

  /** Sessions given up for room since the last call; their held names must be let go. */
  List<Session> takeEvicted() {
    List<Session> taken = List.copyOf(evicted);
    evicted.clear();
    return taken;
  }

  /** The session's new name, after a rename. */
  void renamed(Who who, String name) {
    Session session = byWho.get(who);
    if (session != null) {
      session.name = name;
    }
  }
}
