package dev.termchat.server.room;

import dev.termchat.server.room.Sessions.Session;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The sessions whose connection dropped, held for their clients to resume, within bounds: at most
 * {@value #MAX} in all, {@value #PER_RANGE} from one address range (a /24, a /64) and {@value
 * #PER_ADDRESS} from one address. Past a bound the newest session of the busiest range gives
 * way, never an older one: so no one, from however many addresses, can push out a session held
 * already by dropping sessions of its own, and no network can hold many names without holding
 * connections. This machine (127.0.0.0/8, ::1) is one range, bounded by the total alone unless
 * loopback is limited: behind a proxy on this machine every client comes from there, and the
 * proxy's clients must not share one address's bound. Confined to the room thread.
 */
final class OfflineSessions {
  static final int MAX = 20_000;
  static final int PER_RANGE = 256;
  static final int PER_ADDRESS = 64;
  /** The range of every loopback address when loopback is exempt. */
  private static final String LOOPBACK = "loopback";

  /** The sessions of one range, in drop order. */
  private static final class Range {
    final String key;
    final Deque<Session> sessions = new ArrayDeque<>();

    Range(String key) {
      this.key = key;
    }
  }

  /** Whether loopback addresses are bounded per address and range like any other. */
  private final boolean limitLoopback;

  /** In drop order, oldest first. */
  private final LinkedHashSet<Session> all = new LinkedHashSet<>();
  /** When each was dropped, as a count of drops: the order, without a clock. */
  private final Map<Session, Long> dropOrder = new IdentityHashMap<>();
  private long drops;
  private final Map<String, Integer> byAddress = new HashMap<>();
  private final Map<String, Range> byRange = new HashMap<>();
  /**
   * Ranges by how many sessions they hold, then by how lately the newest of them dropped: the
   * last is the one that gives way. A range is taken out before it changes, and put back after.
   */
  private final TreeSet<Range> busiest =
      new TreeSet<>(
          Comparator.<Range>comparingInt(range -> range.sessions.size())
              .thenComparingLong(range -> dropOrder.get(range.sessions.peekLast()))
              .thenComparing(range -> range.key));

  OfflineSessions(boolean limitLoopback) {
    this.limitLoopback = limitLoopback;
  }

  /** The range a session counts in; loopback's own, when it is exempt. */
  private String rangeOf(Session session) {
    return !limitLoopback && AddressRange.isLoopback(session.host()) ? LOOPBACK : session.range();
  }

  /**
   * Holds a session just dropped, unless a bound says otherwise.
   *
   * @return the sessions given up for room, this one or another, whose names must be let go
   */
  List<Session> add(Session session) {
    String key = rangeOf(session);
    Range range = byRange.get(key);
    boolean bounded = !key.equals(LOOPBACK);
    if (bounded
        && (byAddress.getOrDefault(session.host(), 0) >= PER_ADDRESS || (range != null && range.sessions.size() >= PER_RANGE))) {
      return List.of(session);
    }
    if (range == null) {
      range = new Range(key);
      byRange.put(range.key, range);
    } else {
      busiest.remove(range);
    }
    all.add(session);
    dropOrder.put(session, ++drops);
    byAddress.merge(session.host(), 1, Integer::sum);
    range.sessions.addLast(session);
    busiest.add(range);
    if (all.size() <= MAX) {
      return List.of();
    }
    Session newestOfBusiest = busiest.last().sessions.peekLast();
    remove(newestOfBusiest);
    return List.of(newestOfBusiest);
  }

  /** Lets go of a session, resumed or given up. */
  void remove(Session session) {
    if (!all.contains(session)) {
      return;
    }
    Range range = byRange.get(rangeOf(session));
    busiest.remove(range);
    range.sessions.remove(session);
    if (range.sessions.isEmpty()) {
      byRange.remove(range.key);
    } else {
      busiest.add(range);
    }
    all.remove(session);
    dropOrder.remove(session);
    byAddress.computeIfPresent(session.host(), (any, count) -> count > 1 ? count - 1 : null);
  }

  /**
   * Lets go of the sessions whose hold ran out.
   *
   * @return those let go
   */
  List<Session> expire(long now) {
    List<Session> expired = new ArrayList<>();
    for (Iterator<Session> oldest = all.iterator(); oldest.hasNext(); ) {
      Session session = oldest.next();
      if (session.heldUntil() >= now) {
        break; // Held in drop order, all for the same window: the rest are later.
      }
      expired.add(session);
    }
    expired.forEach(this::remove);
    return expired;
  }

  int size() {
    return all.size();
  }
}
