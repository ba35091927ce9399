package dev.termchat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.testing.RedisCluster;
import dev.termchat.testing.RedisClusterNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A real three-master Redis Cluster ({@link RedisCluster}) and the facts a stream per room
 * relies on (CLUSTER-ROOMS.md): a room's keys, tagged with its name, live on the master of that
 * tag's slot; Redis refuses an XREAD over keys of two slots, even two slots of one master; keys
 * that share one tag are read, and waited on, in one XREAD; and a master frozen (SIGSTOP), or
 * killed with SIGKILL and started again on its port and directory, is a master of its slots
 * again, the cluster ok, its data kept if it keeps an append-only file and lost if not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterFixtureTest {
  private RedisCluster cluster;
  private RedisClusterClient client;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = RedisCluster.start();
    client = clientOf(cluster);
  }

  @AfterAll
  void stopCluster() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Jedis's cluster client: RedisClusterClient, as JedisCluster is deprecated in Jedis 8. */
  private static RedisClusterClient clientOf(RedisCluster cluster) {
    return RedisClusterClient.builder()
        .nodes(cluster.seeds())
        .clientConfig(
            DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000)
                .socketTimeoutMillis(5000)
                .autoNegotiateProtocol(false)
                .build())
        .maxAttempts(5)
        .maxTotalRetriesDuration(Duration.ofSeconds(30))
        .build();
  }

  @Test
  void threeMastersServeEverySlotBetweenThem() {
    List<RedisClusterNode> masters = cluster.masters();
    assertEquals(3, masters.size());
    // redis-cli --cluster create gives each master a third of the slots, in order.
    Set<Integer> servers = List.of(0, 8192, 16383).stream().map(slot -> cluster.masterOf(slot).port()).collect(Collectors.toSet());
    assertEquals(3, servers.size(), "slots 0, 8192 and 16383 on three masters: " + servers + "\n" + cluster.states());
    // How a node can tell a cluster from a plain Redis, which says cluster_enabled:0.
    for (RedisClusterNode master : masters) {
      try (Jedis jedis = master.connect()) {
        assertTrue(jedis.info("cluster").contains("cluster_enabled:1"), jedis.info("cluster"));
      }
    }
  }

  @Test
  void aRoomsKeysLiveOnTheMasterOfItsTagsSlot() {
    String dev = "termchat:room:{#dev}";
    String ops = "termchat:room:{#ops}";
    int devSlot = JedisClusterCRC16.getSlot(dev);
    // Only the tag counts: the key's slot is the slot of "#dev", as Redis computes it too.
    assertEquals(JedisClusterCRC16.getSlot("#dev"), devSlot);
    assertEquals(JedisClusterCRC16.getSlot("termchat:other:{#dev}"), devSlot);
    try (Jedis any = cluster.masters().get(0).connect()) {
      assertEquals(devSlot, any.clusterKeySlot(dev));
      assertEquals(JedisClusterCRC16.getSlot(ops), any.clusterKeySlot(ops));
    }
    assertNotEquals(devSlot, JedisClusterCRC16.getSlot(ops));

    for (String key : List.of(dev, ops)) {
      StreamEntryID id = client.xadd(key, StreamEntryID.NEW_ENTRY, Map.of("text", "hello " + key));
      RedisClusterNode owner = cluster.masterOf(JedisClusterCRC16.getSlot(key));
      try (Jedis master = owner.connect()) {
        List<StreamEntryID> there = master.xrange(key, "-", "+").stream().map(StreamEntry::getID).toList();
        assertTrue(there.contains(id), key + " on node " + owner.port() + ": " + there);
      }
      for (RedisClusterNode other : cluster.masters()) {
        if (other != owner) {
          try (Jedis elsewhere = other.connect()) {
            JedisDataException moved = assertThrows(JedisDataException.class, () -> elsewhere.xlen(key));
            assertTrue(moved.getMessage().startsWith("MOVED " + JedisClusterCRC16.getSlot(key) + " 127.0.0.1:" + owner.port()),
                moved.getMessage());
          }
        }
      }
    }
  }

  @Test
  void anXreadOverTwoSlotsIsRefusedEvenWhenOneMasterServesBoth() {
    String dev = "termchat:room:{#dev}";
    String ops = "termchat:room:{#ops}";
    RedisClusterNode devMaster = cluster.masterOf(JedisClusterCRC16.getSlot(dev));
    // A room whose slot is another than #dev's, on the same master.
    String neighbour =
        IntStream.range(0, 1000)
            .mapToObj(i -> "termchat:room:{#r" + i + "}")
            .filter(key -> JedisClusterCRC16.getSlot(key) != JedisClusterCRC16.getSlot(dev))
            .filter(key -> cluster.masterOf(JedisClusterCRC16.getSlot(key)) == devMaster)
            .findFirst()
            .orElseThrow();
    try (Jedis master = devMaster.connect()) {
      master.xadd(dev, StreamEntryID.NEW_ENTRY, Map.of("text", "in #dev"));
      master.xadd(neighbour, StreamEntryID.NEW_ENTRY, Map.of("text", "in " + neighbour));
      for (String other : List.of(ops, neighbour)) {
        Map<String, StreamEntryID> keys = new LinkedHashMap<>();
        keys.put(dev, new StreamEntryID(0, 0));
        keys.put(other, new StreamEntryID(0, 0));
        JedisDataException refused = assertThrows(JedisDataException.class, () -> master.xread(XReadParams.xReadParams(), keys));
        assertTrue(refused.getMessage().startsWith("CROSSSLOT"), other + ": " + refused.getMessage());
      }
    }
    // Jedis's cluster client does not split such a read by slot: it refuses it before Redis can.
    Map<String, StreamEntryID> both = new LinkedHashMap<>();
    both.put(dev, new StreamEntryID(0, 0));
    both.put(ops, new StreamEntryID(0, 0));
    JedisClusterOperationException refused =
        assertThrows(JedisClusterOperationException.class, () -> client.xread(XReadParams.xReadParams(), both));
    assertEquals("Cannot get connection for command with multiple hash slots", refused.getMessage());
  }

  @Test
  void roomsThatShareOneTagAreReadAndWaitedOnInOneXread() throws Exception {
    String dev = "termchat:room:{p3}#dev";
    String ops = "termchat:room:{p3}#ops";
    assertEquals(JedisClusterCRC16.getSlot(dev), JedisClusterCRC16.getSlot(ops));
    StreamEntryID devId = client.xadd(dev, StreamEntryID.NEW_ENTRY, Map.of("text", "one"));
    StreamEntryID opsId = client.xadd(ops, StreamEntryID.NEW_ENTRY, Map.of("text", "two"));
    Map<String, StreamEntryID> fromStart = new LinkedHashMap<>();
    fromStart.put(dev, new StreamEntryID(0, 0));
    fromStart.put(ops, new StreamEntryID(0, 0));
    Map<String, List<StreamEntry>> read = byKey(client.xread(XReadParams.xReadParams(), fromStart));
    assertEquals(devId, read.get(dev).get(0).getID());
    assertEquals(opsId, read.get(ops).get(0).getID());

    // One blocking read after what was read wakes for an entry in either stream.
    Map<String, StreamEntryID> after = new LinkedHashMap<>();
    after.put(dev, devId);
    after.put(ops, opsId);
    CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> waiting =
        CompletableFuture.supplyAsync(() -> client.xread(XReadParams.xReadParams().block(60_000), after));
    StreamEntryID next = client.xadd(ops, StreamEntryID.NEW_ENTRY, Map.of("text", "three"));
    Map<String, List<StreamEntry>> woken = byKey(waiting.get(90, TimeUnit.SECONDS));
    assertEquals(Set.of(ops), woken.keySet());
    assertEquals(next, woken.get(ops).get(0).getID());
  }

  private static Map<String, List<StreamEntry>> byKey(List<Map.Entry<String, List<StreamEntry>>> read) {
    assertNotNull(read, "nothing read");
    Map<String, List<StreamEntry>> byKey = new LinkedHashMap<>();
    read.forEach(entry -> byKey.put(entry.getKey(), entry.getValue()));
    return byKey;
  }

  /**
   * A shard's master that keeps nothing on disk comes back serving its slots, the cluster ok,
   * with its keys gone, and only its: the other shards' rooms keep theirs.
   */
  @Test
  void aMasterWithoutPersistenceComesBackEmptyAndTheOtherShardsKeepTheirKeys() throws Exception {
    String lost = "termchat:room:{#lost}";
    RedisClusterNode master = cluster.masterOf(JedisClusterCRC16.getSlot(lost));
    String kept =
        IntStream.range(0, 1000)
            .mapToObj(i -> "termchat:room:{#k" + i + "}")
            .filter(key -> cluster.masterOf(JedisClusterCRC16.getSlot(key)) != master)
            .findFirst()
            .orElseThrow();
    client.xadd(lost, StreamEntryID.NEW_ENTRY, Map.of("text", "gone with its master"));
    StreamEntryID keptId = client.xadd(kept, StreamEntryID.NEW_ENTRY, Map.of("text", "elsewhere"));

    master.restart();
    cluster.awaitOk();
    assertEquals(master, cluster.masterOf(JedisClusterCRC16.getSlot(lost)));
    assertEquals(0, client.xlen(lost));
    assertEquals(List.of(keptId), client.xrange(kept, "-", "+").stream().map(StreamEntry::getID).toList());
  }

  /** A master stopped (SIGSTOP) is found gone by the others, and the cluster is ok once it goes on. */
  @Test
  void aFrozenMasterIsFoundGoneAndTheClusterOkOnceItIsThawed() throws Exception {
    String key = "termchat:room:{#frozen}";
    StreamEntryID before = client.xadd(key, StreamEntryID.NEW_ENTRY, Map.of("text", "before"));
    RedisClusterNode master = cluster.masterOf(JedisClusterCRC16.getSlot(key));
    master.freeze();
    try {
      cluster.awaitFailedWithout(master);
    } finally {
      master.thaw();
    }
    cluster.awaitOk();
    assertEquals(List.of(before), client.xrange(key, "-", "+").stream().map(StreamEntry::getID).toList());
  }

  @Test
  void aMasterKilledAndRestartedServesItsSlotsAgainWithItsData() throws Exception {
    RedisCluster durable = RedisCluster.startDurable();
    try (durable; RedisClusterClient jedis = clientOf(durable)) {
      String key = "termchat:room:{#ops}";
      StreamEntryID before = jedis.xadd(key, StreamEntryID.NEW_ENTRY, Map.of("text", "before the kill"));
      RedisClusterNode master = durable.masterOf(JedisClusterCRC16.getSlot(key));

      master.kill();
      durable.awaitFailedWithout(master);
      assertThrows(JedisException.class, () -> jedis.xlen(key), "its slot is served by no one");

      master.restart();
      durable.awaitOk();
      assertEquals(master, durable.masterOf(JedisClusterCRC16.getSlot(key)));
      List<StreamEntry> kept = jedis.xrange(key, "-", "+");
      assertEquals(List.of(before), kept.stream().map(StreamEntry::getID).toList());
      assertTrue(jedis.xadd(key, StreamEntryID.NEW_ENTRY, Map.of("text", "after")).compareTo(before) > 0);
    }
    // Closed: processes gone, directories deleted; closing again does nothing.
    assertFalse(Files.exists(durable.directory()));
    for (RedisClusterNode node : durable.masters()) {
      assertThrows(JedisException.class, () -> node.connect().close(), "node " + node.port() + " is gone");
    }
    durable.close();
  }
}
