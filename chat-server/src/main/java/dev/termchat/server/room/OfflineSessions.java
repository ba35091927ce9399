package dev.termchat.server.room;

import java.util.ArrayList;
import java.util.Comparator;
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
 * #PER_ADDRESS} from one address. A session past the bound of its address or range is not held:
 * no one can push out a session held already by dropping sessions from the same network. Past
 * {@value #MAX} the busiest range gives way, and in it the session that was on line the shortest
 * time in all, the newest of equals first: a register-and-drop is worth least, a user who talked
 * for minutes most, so a flood of short sessions pushes out only its own, and outweighing a user
 * takes as many connections held as long as that user's. This machine (127.0.0.0/8, ::1) is one
 * range, bounded by the total alone unless loopback is limited: behind a proxy on this machine
 * every client comes from there, and the proxy's clients must not share one address's bound.
 * Confined to the room thread.
 */
final class OfflineSessions {
  static final int MAX = 20_000;
  static final int PER_RANGE = 256;
  static final int PER_ADDRESS = 64;
  /** The range of every loopback address when loopback is exempt. */
  private static final String LOOPBACK = "loopback";

  /** Whether loopback addresses are bounded per address and range like any other. */
  private final boolean limitLoopback;

  /** In drop order, oldest first. */
  private final LinkedHashSet<Session> all = new LinkedHashSet<>();
  /** When each was dropped, as a count of drops: the order, without a clock. */
  private final Map<Session, Long> dropOrder = new IdentityHashMap<>();
  private long drops;
  private final Comparator<Session> byDrop = Comparator.comparingLong(dropOrder::get);
  /** Which gives way first: the shortest time on line, then the newest. */
  private final Comparator<Session> byWorth =
      Comparator.comparingLong(Session::timeOnline).thenComparing(byDrop.reversed());

  /** The sessions of one range. */
  private final class Range {
    final String key;
    /** In drop order, the newest last. */
    final TreeSet<Session> dropped = new TreeSet<>(byDrop);
    /** The first gives way. */
    final TreeSet<Session> worth = new TreeSet<>(byWorth);

    Range(String key) {
      this.key = key;
    }

    int size() {
      return dropped.size();
    }

    long newestDrop() {
      return dropOrder.get(dropped.last());
    }
  }

  private final Map<String, Integer> byAddress = new HashMap<>();
  private final Map<String, Range> byRange = new HashMap<>();
  /**
   * Ranges by how many sessions they hold, then by how lately the newest of them dropped: the
   * last is the one that gives way. A range is taken out before it changes, and put back after.
   */
  private final TreeSet<Range> busiest =
      new TreeSet<>(
          Comparator.comparingInt(Range::size).thenComparingLong(Range::newestDrop).thenComparing(range -> range.key));

  OfflineSessions(boolean limitLoopback) {
    this.limitLoopback = limitLoopback;
  }

  /** The range a session counts in; loopback's own, when it is exempt. */
  private String rangeOf(Session session) {
    return !limitLoopback && AddressRange.isLoopback(session.host()) ? LOOPBACK : session.range();
  }

  /**
   * Holds a session just dropped, its time on line final, unless a bound says otherwise.
   *
   * @return the sessions given up for room, this one or another, whose names must be let go
   */
  List<Session> add(Session session) {
    String key = rangeOf(session);
    Range range = byRange.get(key);
    boolean bounded = !key.equals(LOOPBACK);
    if (bounded
        && (byAddress.getOrDefault(session.host(), 0) >= PER_ADDRESS || (range != null && range.size() >= PER_RANGE))) {
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
    range.dropped.add(session);
    range.worth.add(session);
    busiest.add(range);
    if (all.size() <= MAX) {
      return List.of();
    }
    Session leastWorth = busiest.last().worth.first();
    remove(leastWorth);
    return List.of(leastWorth);
  }

  /** Lets go of a session, resumed or given up. */
  void remove(Session session) {
    if (!all.contains(session)) {
      return;
    }
    Range range = byRange.get(rangeOf(session));
    busiest.remove(range);
    range.dropped.remove(session);
    range.worth.remove(session);
    if (range.dropped.isEmpty()) {
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
