package dev.termchat.server.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomLoad;
import dev.termchat.testing.RedisCluster;
import dev.termchat.testing.RedisClusterNode;
import dev.termchat.testing.RoomLogRecorder;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Rooms' own streams on a three-master Redis Cluster, given the URL of one master: what {@link
 * RoomStreamsContract} holds, rooms spread over every master, and a master killed and restarted
 * without its data stalling its own rooms alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoomStreamsClusterTest extends RoomStreamsContract {
  /** The node-wide stream's slot (15280), whose master a test leaves alone. */
  private static final int NODE_WIDE_SLOT = JedisClusterCRC16.getSlot("termchat:room");

  private RedisCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = RedisCluster.startServingWhatIsLeft();
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  URI url() {
    return URI.create("redis://127.0.0.1:" + cluster.masterOf(0).port());
  }

  @Override
  Jedis connectionFor(String key) {
    return cluster.masterOf(JedisClusterCRC16.getSlot(key)).connect();
  }

  /** A room whose stream the master serves. */
  private String roomOn(RedisClusterNode master, String name) {
    for (int i = 0; ; i++) {
      String room = room(name + i);
      if (cluster.masterOf(JedisClusterCRC16.getSlot(Partitions.streamKey(room))) == master) {
        return room;
      }
    }
  }

  @Test
  void roomsStreamsLandOnEveryMaster() throws Exception {
    Node node = node();
    Set<Integer> masters = new HashSet<>();
    for (int i = 0; i < 24; i++) {
      String room = room("spread" + i);
      followEmpty(node, room);
      node.log().append(line(room, "here"));
      assertEquals(room, node.seen().nextEntry().room());
      String key = Partitions.streamKey(room);
      RedisClusterNode master = cluster.masterOf(JedisClusterCRC16.getSlot(key));
      try (Jedis redis = master.connect()) {
        assertTrue(redis.exists(key), key + " on the master of its slot");
      }
      masters.add(master.port());
    }
    assertEquals(3, masters.size(), "24 rooms over 64 partitions, 21 or 22 on each master");
  }

  @Test
  void aMasterKilledStallsItsOwnRoomsAloneThenItsRoomsAreLoadedAfreshAndGoOn() throws Exception {
    RedisClusterNode victim = cluster.masterOf(6000); // Neither the URL's master nor the node-wide stream's.
    assertTrue(victim != cluster.masterOf(0) && victim != cluster.masterOf(NODE_WIDE_SLOT));
    String onVictim = roomOn(victim, "victim");
    String elsewhere = roomOn(cluster.masterOf(NODE_WIDE_SLOT), "elsewhere");
    String joinedWhileDown = roomOn(victim, "late");
    Node first = node();
    Node second = node();
    for (Node node : List.of(first, second)) {
      followEmpty(node, onVictim);
      followEmpty(node, elsewhere);
    }
    assertTrue(first.log().append(line(onVictim, "before")));
    assertEquals("before", first.seen().nextEntry().line().text());
    assertEquals("before", second.seen().nextEntry().line().text());

    victim.kill();
    try {
      RoomEvent.Line during = line(onVictim, "during");
      if (first.log().append(during)) {
        assertSame(during, first.seen().nextLost(), "taken, then handed back: never silently dropped");
      }
      assertFalse(first.log().append(line(onVictim, "refused at once")), "refused while its master is out of reach");
      RoomEvent.Line firstOnItsWriter = line(onVictim, "the first line of a writer made while its master is down");
      if (second.log().append(firstOnItsWriter)) {
        assertSame(firstOnItsWriter, second.seen().nextLost(), "its writer could not connect: handed back, never silently dropped");
      }
      second.log().follow(joinedWhileDown, 10);
      assertEquals(RoomLoad.unreachable(joinedWhileDown), second.seen().nextLoadOf(joinedWhileDown));

      assertTrue(first.log().append(line(elsewhere, "another shard goes on")));
      assertEquals("another shard goes on", first.seen().nextEntry().line().text());
      assertEquals("another shard goes on", second.seen().nextEntry().line().text());
      assertTrue(first.log().reachable(), "the node-wide stream is not on the victim");
    } finally {
      victim.restart(); // Without an append-only file: back empty.
      cluster.awaitOk();
    }

    RoomLoad empty = new RoomLoad(onVictim, true, List.of(), "0-0", "0-0");
    assertEquals(empty, first.seen().nextLoadOf(onVictim), "found behind what was read, loaded afresh");
    Map<String, RoomLoad> atSecond = new HashMap<>();
    for (int i = 0; i < 2; i++) {
      RoomLoad load = second.seen().nextLoad();
      atSecond.put(load.room(), load);
    }
    assertEquals(Map.of(onVictim, empty, joinedWhileDown, new RoomLoad(joinedWhileDown, true, List.of(), "0-0", "0-0")), atSecond);

    await("the victim's partition takes lines again").atMost(RoomLogRecorder.TIMEOUT).until(() -> first.log().append(line(onVictim, "after")));
    assertEquals("after", first.seen().nextEntry().line().text());
    assertEquals("after", second.seen().nextEntry().line().text());
  }
}
