package dev.termchat.server.cluster;

import dev.termchat.testing.RedisServer;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;

/** Rooms' own streams on one Redis, as a cluster without Redis Cluster has them. */
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
}
