package dev.termchat.server.cluster;

import dev.termchat.protocol.RoomNames;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Where a made room's own stream lives: one of a fixed 64 partitions, each a hash tag whose slot
 * lies in its own sixty-fourth of the slot space, so that a Redis Cluster spreads them over its
 * masters as evenly as its ranges are (22/21/21 over the three that {@code redis-cli --cluster
 * create} makes), where bare numbers as tags fall 20/20/24. The rooms of one partition share a
 * slot, so a node reads all those it follows there in one {@code XREAD} (CLUSTER-ROOMS.md).
 *
 * <p>64 is fixed, not an option: every node must put a room on the same key, and another count
 * moves every room to another key. Stateless.
 */
final class Partitions {
  static final int COUNT = 64;
  private static final int SLOTS = 16384;
  /** Partition i's tag: {@code p<i>.<k>} with the smallest k whose slot is in the i-th 64th. */
  private static final String[] TAGS = tags();

  private Partitions() {}

  private static String[] tags() {
    String[] tags = new String[COUNT];
    for (int i = 0; i < COUNT; i++) {
      for (int k = 0; tags[i] == null; k++) {
        String tag = "p" + i + "." + k;
        if (JedisClusterCRC16.getSlot(tag) / (SLOTS / COUNT) == i) {
          tags[i] = tag;
        }
      }
    }
    return tags;
  }

  /** The partition of a room, by the key that decides "same room" ({@link RoomNames#keyOf}). */
  static int of(String room) {
    return JedisClusterCRC16.getSlot(RoomNames.keyOf(room)) % COUNT;
  }

  static String tag(int partition) {
    return TAGS[partition];
  }

  /**
   * The key of a room's own stream: {@code termchat:{TAG}:room:KEY}. Only the first {@code {...}}
   * is a key's tag, so braces in a room's name do not move it.
   */
  static String streamKey(String room) {
    return "termchat:{" + TAGS[of(room)] + "}:room:" + RoomNames.keyOf(room);
  }
}
