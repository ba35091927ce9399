package dev.termchat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The partitions' tags are the table CLUSTER-ROOMS.md describes, the same on every node. */
class PartitionsTest {
  @Test
  void theTableIsPinned() {
    assertEquals("p0.52", Partitions.tag(0));
    assertEquals("p1.121", Partitions.tag(1));
    assertEquals("p2.332", Partitions.tag(2));
    assertEquals("p21.42", Partitions.tag(21));
    assertEquals("p63.19", Partitions.tag(63));
  }

  @Test
  void eachTagsSlotIsInItsOwnSixtyFourthSoTheDefaultRangesGet22And21And21() {
    int[] perRange = new int[3];
    Set<Integer> slots = new HashSet<>();
    for (int i = 0; i < Partitions.COUNT; i++) {
      int slot = JedisClusterCRC16.getSlot(Partitions.tag(i));
      assertEquals(i, slot / 256, Partitions.tag(i));
      slots.add(slot);
      perRange[slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2]++;
    }
    assertEquals(64, slots.size());
    assertEquals(22, perRange[0]);
    assertEquals(21, perRange[1]);
    assertEquals(21, perRange[2]);
  }

  @Test
  void roomsOfOneKeyShareAStreamInTheirPartitionsSlot() {
    assertEquals(Partitions.streamKey("#Dev"), Partitions.streamKey("#dev"));
    assertNotEquals(Partitions.streamKey("#dev"), Partitions.streamKey("#ops"));
    assertEquals("termchat:{" + Partitions.tag(Partitions.of("#dev")) + "}:room:#dev", Partitions.streamKey("#dev"));
    // Only a key's first {...} is its tag: braces in a room's name do not move its stream.
    String braced = Partitions.streamKey("#{x}");
    assertEquals(JedisClusterCRC16.getSlot(Partitions.tag(Partitions.of("#{x}"))), JedisClusterCRC16.getSlot(braced));
    assertTrue(braced.endsWith(":room:#{x}"), braced);
  }
}
