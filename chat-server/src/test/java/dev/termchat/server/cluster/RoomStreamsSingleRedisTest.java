package dev.termchat.server.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.room.RoomLoad;
import dev.termchat.testing.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;

/**
 * Rooms' own streams on one Redis, as a cluster without Redis Cluster has them; and a Redis
 * frozen (SIGSTOP) while a room waits for its load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoomStreamsSingleRedisTest extends RoomStreamsContract {
  private RedisServer redis;

  @BeforeAll
  void startRedis() throws Exception {
    redis = RedisServer.start();
  }

  @AfterAll
  void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @Override
  URI url() {
    return redis.uri();
  }

  @Override
  Jedis connectionFor(String key) {
    return new Jedis(redis.uri());
  }

  /**
   * A writer's connection from before Redis restarted fails at its first use, having delivered
   * nothing: the line goes on a new connection, not back to its sender as unavailable (every
   * node's first line on every partition was refused after a master's restart).
   */
  @Test
  void theFirstLineAfterARestartGoesOnANewConnection() throws Exception {
    Node node = node();
    String room = room("restarted");
    followEmpty(node, room);
    assertTrue(node.log().append(line(room, "before")));
    assertEquals("before", node.seen().nextEntry().line().text());
    // A reader may see the line before the writer has read Redis's answer to it; a restart then
    // would fail that batch, rightly, and this test is of the next one.
    await("the writer has its answer").atMost(Duration.ofSeconds(10)).until(() -> node.log().writersIdle());
    redis.restart();
    assertTrue(node.log().append(line(room, "after")));
    try (Jedis jedis = new Jedis(redis.uri())) {
      await("the line after the restart is kept").atMost(Duration.ofSeconds(10)).until(() -> jedis.xlen(Partitions.streamKey(room)) == 1);
    }
  }

  @Test
  void aRoomFollowedWhileRedisIsFrozenIsToldUnreachableThenLoadedOnceItAnswers() throws Exception {
    Node node = node();
    String room = room("frozen");
    redis.freeze();
    try {
      node.log().follow(room, 10);
      assertEquals(RoomLoad.unreachable(room), node.seen().nextLoadOf(room), "a join waiting for it is answered");
    } finally {
      redis.thaw();
    }
    assertEquals(new RoomLoad(room, true, List.of(), "0-0", "0-0"), node.seen().nextLoadOf(room));
    assertTrue(node.log().append(line(room, "it answers again")));
    assertEquals("it answers again", node.seen().nextEntry().line().text());
  }
}
