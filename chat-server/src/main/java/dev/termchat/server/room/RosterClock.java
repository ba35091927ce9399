package dev.termchat.server.room;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads each node's {@link RoomEvent.Roster} as of where its node built it. A node builds its
 * roster from the entries it had applied, and the roster lands in the log a moment later, behind
 * joins and leaves that were on their way: a user who joined in between is not in it, yet must
 * not be dropped, and one who left in between is in it, yet must not come back. So this keeps
 * where in the log each connection joined, and which connections left lately.
 *
 * <p>Confined to the room thread.
 */
final class RosterClock {
  /** How long a leave is remembered: far longer than a roster takes to reach the log. */
  private static final long LEAVES_KEPT_MILLIS = 60_000;

  /** The log id of each registered connection's join, or of the roster that added it. */
  private final Map<Who, String> joinedAt = new HashMap<>();
  /** Connections that left lately, with the time they left. */
  private final Map<Who, Long> leftAt = new HashMap<>();

  void joined(Who who, String entryId) {
    joinedAt.put(who, entryId);
  }

  void left(Who who, long time) {
    if (joinedAt.remove(who) != null) {
      leftAt.put(who, time);
    }
  }

  /** Whether the connection joined at or before that point in the log, so a roster built there knew of it. */
  boolean joinedBy(Who who, String asOf) {
    String joined = joinedAt.get(who);
    return joined != null && asOf != null && compare(joined, asOf) <= 0;
  }

  /** Whether the connection left lately: a roster that still lists it was built before it left. */
  boolean leftLately(Who who) {
    return leftAt.containsKey(who);
  }

  void expire(long now) {
    leftAt.values().removeIf(time -> time < now - LEAVES_KEPT_MILLIS);
  }

  /**
   * Orders log ids, {@code MILLIS-SEQUENCE} as Redis streams and the in-memory log make them: by
   * both numbers, not as text, where {@code 9-1} comes after {@code 10-1}.
   */
  static int compare(String a, String b) {
    int dashA = a.indexOf('-');
    int dashB = b.indexOf('-');
    try {
      int byTime = Long.compare(Long.parseLong(a.substring(0, dashA)), Long.parseLong(b.substring(0, dashB)));
      return byTime != 0 ? byTime : Long.compare(Long.parseLong(a.substring(dashA + 1)), Long.parseLong(b.substring(dashB + 1)));
    } catch (RuntimeException e) {
      return a.compareTo(b); // Not ids this server makes; text order is as good as any.
    }
  }
}
