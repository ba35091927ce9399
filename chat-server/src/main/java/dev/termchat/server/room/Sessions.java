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
    Session session = new Session(who, token, name, address, now);
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
    if (session == null || !session.resumableWith(presented, now)) {
      return Optional.empty();
    }
    Who from = session.takenOverBy(who, next, now);
    if (from != null) {
      byWho.remove(from);
    } else {
      offline.remove(session);
    }
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
    session.dropped(now, heldUntil);
    for (Session givenUp : offline.add(session)) {
      bySession.remove(givenUp.token().session());
      evicted.add(givenUp);
    }
    return Optional.of(session);
  }

  /** The client closed its connection on purpose: its session is over. */
  void ended(Who who) {
    Session session = byWho.remove(who);
    if (session != null) {
      bySession.remove(session.token().session());
    }
  }

  /** Forgets sessions whose hold ran out. */
  void expire(long now) {
    for (Session session : offline.expire(now)) {
      bySession.remove(session.token().session());
    }
  }

  /** Sessions given up for room since the last call; their held names must be let go. */
  List<Session> takeEvicted() {
    List<Session> taken = List.copyOf(evicted);
    evicted.clear();
    return taken;
  }

  /**
   * The account's password changed: every session of it but the one of {@code keep} resumes
   * nothing any more. Those on line go on; those off line are over.
   *
   * @return the sessions off line that ended, whose held names must be let go
   */
  List<Session> revoke(String account, Who keep) {
    return endOthers(account, keep, true);
  }

  /**
   * The account's owner logged in anew on {@code keep}: the account's sessions off line are over,
   * so that the names held for them are its own again; those on line go on.
   *
   * @return the sessions that ended, whose held names must be let go
   */
  List<Session> endOffline(String account, Who keep) {
    return endOthers(account, keep, false);
  }

  private List<Session> endOthers(String account, Who keep, boolean revokeOnline) {
    List<Session> ended = new ArrayList<>();
    Session kept = byWho.get(keep);
    for (Session session : List.copyOf(bySession.values())) {
      if (session == kept || !account.equals(session.account())) {
        continue;
      }
      if (session.online()) {
        if (revokeOnline) {
          session.revoke();
        }
      } else {
        bySession.remove(session.token().session());
        offline.remove(session);
        ended.add(session);
      }
    }
    return ended;
  }

  /** The session's new name, after a rename. */
  void renamed(Who who, String name) {
    Session session = byWho.get(who);
    if (session != null) {
      session.renamed(name);
    }
  }
}
