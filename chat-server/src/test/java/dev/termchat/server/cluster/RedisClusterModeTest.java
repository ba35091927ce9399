package dev.termchat.server.cluster;

import static dev.termchat.testing.ChatFixture.register;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import dev.termchat.testing.RedisCluster;
import dev.termchat.testing.RedisClusterNode;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A node given the URL of one master of a Redis Cluster uses every key on the master serving
 * its slot ({@link RedisTopology}): the node-wide stream and the nodes' liveness keys, so that two
 * nodes on one cluster are one room, as on a single Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterModeTest {
  /** The node-wide stream's key, in slot 15280: the third master's with the default ranges. */
  private static final String NODE_WIDE = "termchat:room";
  /** The nodes' keys' tag, in slot 9928: the second master's. */
  private static final String NODES_TAG = "nodes";

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

  /** The URL of the first master: the one serving slot 0, which serves neither key above. */
  private URI firstMastersUrl() {
    return URI.create("redis://127.0.0.1:" + cluster.masterOf(0).port());
  }

  private static int portOf(Jedis connection) {
    String server = connection.info("server");
    return Integer.parseInt(server.lines().filter(line -> line.startsWith("tcp_port:")).findFirst().orElseThrow().substring(9).strip());
  }

  @Test
  void eachKeyIsOpenedOnTheMasterServingItsSlot() {
    RedisTopology topology = new RedisTopology(firstMastersUrl());
    assertTrue(topology.cluster());
    for (String key : List.of(NODE_WIDE, "termchat:{" + NODES_TAG + "}:node:x", "a", "b", "c")) {
      try (Jedis connection = topology.open(key, 2000)) {
        assertEquals(cluster.masterOf(JedisClusterCRC16.getSlot(key)).port(), portOf(connection), key);
      }
    }
  }

  @Test
  void aSingleRedisIsOpenedAsItsUrlSays() throws Exception {
    try (RedisServer single = RedisServer.start()) {
      RedisTopology topology = new RedisTopology(single.uri());
      assertFalse(topology.cluster());
      try (Jedis connection = topology.open(NODE_WIDE, 2000)) {
        assertEquals(single.port(), portOf(connection));
      }
    }
  }

  @Test
  void withTheUrlsMasterGoneTheOtherMastersKeysAreStillReached() throws Exception {
    RedisClusterNode first = cluster.masterOf(0);
    RedisTopology topology = new RedisTopology(firstMastersUrl());
    assertTrue(topology.cluster()); // It has seen every master once.
    int expected = cluster.masterOf(JedisClusterCRC16.getSlot(NODE_WIDE)).port();
    first.kill();
    try (Jedis connection = topology.open(NODE_WIDE, 2000)) {
      assertEquals(expected, portOf(connection));
      assertNotEquals(first.port(), portOf(connection));
    } finally {
      first.restart();
      cluster.awaitOk();
    }
  }

  @Test
  void twoNodesOnOneMastersUrlAreOneRoomWithTheirKeysOnTheirSlotsMasters() throws Exception {
    URI url = firstMastersUrl();
    try (ChatServer first = ChatServer.start(ServerConfig.builder().port(0).redis(url).build());
        ChatServer second = ChatServer.start(ServerConfig.builder().port(0).redis(url).build())) {
      WebSocketRecorder alice = WebSocketRecorder.base(first.uri()).open();
      WebSocketRecorder bob = WebSocketRecorder.base(second.uri()).open();
      try {
        assertEquals("alice", register(alice, "alice"));
        bob.send(new Register("bob"));
        assertEquals("bob", bob.nextFrame(Register.class).name());
        assertEquals(List.of("alice", "bob"), bob.nextUsersNaming("bob").names());
        assertEquals(List.of("alice", "bob"), alice.nextUsersNaming("bob").names());

        alice.send(new SendMessage("across the cluster"));
        assertEquals("across the cluster", bob.nextMessage().message());
        assertEquals("across the cluster", alice.nextMessage().message());
        bob.send(new SendMessage("and back"));
        assertEquals("and back", alice.nextMessage().message());

        try (Jedis streamMaster = cluster.masterOf(JedisClusterCRC16.getSlot(NODE_WIDE)).connect();
            Jedis nodesMaster = cluster.masterOf(JedisClusterCRC16.getSlot(NODES_TAG)).connect()) {
          assertTrue(streamMaster.xlen(NODE_WIDE) >= 2, "the node-wide stream is on its slot's master");
          await("each node's liveness key on its slot's master")
              .until(() -> nodesMaster.keys("termchat:{" + NODES_TAG + "}:node:*").size() == 2);
        }
      } finally {
        alice.closeBlocking();
        bob.closeBlocking();
      }
    }
  }
}
