package dev.termchat.server.room;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions of extended clients: the token each was given when it registered, the name that
 * goes with it, held for it for a while after its connection drops, and the ids of its latest
 * lines, so that a line sent again after a reconnect is not said twice.
 *
 * <p>Bounded, because a session outlives its connection: a session on line costs what its
 * connection's cap allows; of those off line, at most {@value #MAX_OFFLINE} in all and
 * {@value #MAX_OFFLINE_PER_ADDRESS} from one address are kept, the oldest giving way (so one
 * address cannot hold many names without holding connections), and a session never holds more
 * than {@value #REMEMBERED_IDS} line ids, as 64-bit hashes: about 1 KB a session. A session on
 * line is never given up for room. Confined to the room thread.
 */
final class Sessions {
  static final int MAX_OFFLINE = 20_000;
  static final int MAX_OFFLINE_PER_ADDRESS = 64;
  /**
   * How many of a client's line ids are remembered to recognize a line sent again: more than a
   * client can have in flight within the rate's burst.
   */
  static final int REMEMBERED_IDS = 128;

  /** A client's session, on or off line. */
  static final class Session {
    private ResumeToken token;
    private String name;
    private final String address;
    /** The connection on line with it, or {@code null}. */
    private Who online;
    /** The connection the last resume took it from, still on line then, or {@code null}. */
    private Who takenFrom;
    /** When its name stops being held, once its connection dropped. */
    private long heldUntil;
    /** Hashes of its latest line ids, a ring. */
    private final long[] recentIds = new long[REMEMBERED_IDS];
    private int recentCount;
    private int recentNext;

    private Session(ResumeToken token, String name, String address) {
      this.token = token;
      this.name = name;
      this.address = address;
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
      long hash = hash(clientId);
      for (int i = 0; i < recentCount; i++) {
        if (recentIds[i] == hash) {
          return false;
        }
      }
      recentIds[recentNext] = hash;
      recentNext = (recentNext + 1) % REMEMBERED_IDS;
      recentCount = Math.min(recentCount + 1, REMEMBERED_IDS);
      return true;
    }

    /** FNV-1a over the id's chars: 64 bits, so two ids of one session do not meet by chance. */
    private static long hash(String id) {
      long hash = 0xcbf29ce484222325L;
      for (int i = 0; i < id.length(); i++) {
        hash = (hash ^ id.charAt(i)) * 0x100000001b3L;
      }
      return hash;
    }
  }

  /** Every session, keyed by the token's session part. */
  private final Map<String, Session> bySession = new HashMap<>();
  private final Map<Who, Session> byWho = new HashMap<>();
  /** Sessions off line, oldest drop first. */
  private final LinkedHashMap<String, Session> offline = new LinkedHashMap<>();
  /** Sessions off line by address, oldest drop first. */
  private final Map<String, Deque<Session>> offlineByAddress = new HashMap<>();
  /** Sessions given up for room since last asked, whose names must be let go. */
  private final List<Session> evicted = new ArrayList<>();

  /** A new session for a connection. */
  Session open(Who who, ResumeToken token, String name, String address) {
    Session session = new Session(token, name, address);
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
    } else {
      leaveOffline(session);
    }
    session.online = who;
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
   * @return the session, if the connection had one
   */
  Optional<Session> dropped(Who who, long heldUntil) {
    Session session = byWho.remove(who);
    if (session == null) {
      return Optional.empty();
    }
    session.online = null;
    session.heldUntil = heldUntil;
    offline.put(session.token.session(), session);
    Deque<Session> fromAddress = offlineByAddress.computeIfAbsent(session.address, any -> new ArrayDeque<>());
    fromAddress.addLast(session);
    if (fromAddress.size() > MAX_OFFLINE_PER_ADDRESS) {
      evict(fromAddress.peekFirst());
    }
    if (offline.size() > MAX_OFFLINE) {
      evict(offline.values().iterator().next());
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
    for (Iterator<Session> oldest = offline.values().iterator(); oldest.hasNext(); ) {
      Session session = oldest.next();
      if (session.heldUntil >= now) {
        break; // Held in drop order, all for the same window: the rest are later.
      }
      oldest.remove();
      removeFromAddress(session);
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

  private void evict(Session session) {
    leaveOffline(session);
    bySession.remove(session.token.session());
    evicted.add(session);
  }

  private void leaveOffline(Session session) {
    offline.remove(session.token.session());
    removeFromAddress(session);
  }

  private void removeFromAddress(Session session) {
    Deque<Session> fromAddress = offlineByAddress.get(session.address);
    if (fromAddress != null) {
      fromAddress.remove(session);
      if (fromAddress.isEmpty()) {
        offlineByAddress.remove(session.address);
      }
    }
  }
}
