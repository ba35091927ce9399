package dev.termchat.server.room;

import dev.termchat.server.settings.Limits;

/**
 * How often presence may change. Every join, leave and rename is a frame to everyone and a new
 * users list to everyone, so its cost grows with the square of the room; these rates keep it far
 * below the message rate.
 *
 * @param renamesPerMinute renames a connection may make a minute, sustained; the connections of
 *     one address range together {@value #RANGE_RENAME_FACTOR} times as many
 * @param renameBurst renames a connection may make at once; one address range {@value
 *     #RANGE_RENAME_FACTOR} times as many
 * @param joinsPerMinute registers a minute from one address range (a /24 for IPv4, a /64 for
 *     IPv6), on every node of a cluster together
 * @param joinBurst registers from one address range at once
 * @param limitLoopback whether registers and renames from this machine (127.0.0.0/8, ::1) count
 *     per range too, and its dropped sessions against the bounds per address and range; by default
 *     they do not, as for the connection caps: a local proxy puts every client there
 * @param listNames the most names a users list names; in a bigger room, the most recently active
 *     ({@link ListNames})
 */
public record PresenceLimits(
    int renamesPerMinute, int renameBurst, int joinsPerMinute, int joinBurst, boolean limitLoopback, int listNames) {
  public static final int DEFAULT_RENAMES_PER_MINUTE = Limits.RENAMES_PER_MINUTE.defaultValue();
  public static final int DEFAULT_RENAME_BURST = Limits.RENAME_BURST.defaultValue();
  public static final int DEFAULT_JOINS_PER_MINUTE = Limits.JOINS_PER_MINUTE.defaultValue();
  public static final int DEFAULT_JOIN_BURST = Limits.JOIN_BURST.defaultValue();
  public static final int DEFAULT_LIST_NAMES = Limits.LIST_NAMES.defaultValue();
  /**
   * How many connections' worth of renames one address range may make together: enough for a
   * household or an office behind one address, too few for a crowd of connections from one
   * network to rename the room's lists into a flood.
   */
  public static final int RANGE_RENAME_FACTOR = 5;

  public PresenceLimits {
    if (renamesPerMinute < 1 || renameBurst < 1 || joinsPerMinute < 1 || joinBurst < 1 || listNames < 1) {
      throw new IllegalArgumentException("every rate, burst and list of presence must be at least 1");
    }
  }

  /** Renames a minute, sustained, from one address range (a /24, a /64), on all nodes together. */
  public int rangeRenamesPerMinute() {
    return renamesPerMinute * RANGE_RENAME_FACTOR;
  }

  /** Renames at once from one address range. */
  public int rangeRenameBurst() {
    return renameBurst * RANGE_RENAME_FACTOR;
  }

  /** As a server runs by default. */
  public static PresenceLimits defaults() {
    return new PresenceLimits(DEFAULT_RENAMES_PER_MINUTE, DEFAULT_RENAME_BURST, DEFAULT_JOINS_PER_MINUTE, DEFAULT_JOIN_BURST, false, DEFAULT_LIST_NAMES);
  }
}
