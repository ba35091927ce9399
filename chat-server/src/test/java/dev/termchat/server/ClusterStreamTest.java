package dev.termchat.server;

import static dev.termchat.server.ClusterLines.lastMessageOf;
import static dev.termchat.server.ClusterLines.sayOnce;
import static dev.termchat.testing.ChatFixture.register;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.Metrics;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * What the room's stream in Redis holds, and what a hostile client can make it hold: it stays
 * within its budget, a Redis that is full is made room in without an operator, and nothing is
 * appended that no entry needs.
 */
class ClusterStreamTest {
  /** A message of the longest length, in 4-byte characters: 16,000 bytes. */
  private static final String LONGEST = "\uD83D\uDE00".repeat(ServerConfig.DEFAULT_MAX_MESSAGE_CHARS);

  private RedisServer redis;
  private final List<ChatServer> nodes = new ArrayList<>();
  private final List<WebSocketRecorder> clients = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (WebSocketRecorder client : clients) {
      client.closeBlocking();
    }
    for (ChatServer node : nodes) {
      node.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  /** A node whose clients may send as fast as they like: the stream is what is tested. */
  private ChatServer node(ServerConfig.Builder config) throws Exception {
    ChatServer node = ChatServer.start(config.port(0).redis(redis.uri()).rate(10_000, 10_000).build());
    nodes.add(node);
    return node;
  }

  private WebSocketRecorder extendedClient(ChatServer node, String name) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.extended(node.uri()).open();
    clients.add(client);
    client.nextFrame(Welcome.class);
    client.send(new Register(name));
    assertEquals(name, client.nextFrameAfterPresence(Register.class).name());
    return client;
  }

  private WebSocketRecorder baseClient(ChatServer node, String name) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.base(node.uri()).open();
    clients.add(client);
    assertEquals(name, register(client, name));
    return client;
  }

  @Test
  void aRedisFilledToItsMaxmemoryIsMadeRoomInAndTheChatGoesOnByItself() throws Exception {
    redis = RedisServer.start("--maxmemory", "8mb", "--maxmemory-policy", "noeviction");
    // The stream's budget is the default, far above what this Redis holds: as in the attack.
    ChatServer first = node(ServerConfig.builder());
    ChatServer second = node(ServerConfig.builder());
    WebSocketRecorder mallory = extendedClient(first, "mallory");
    WebSocketRecorder bob = baseClient(second, "bob");
    mallory.nextUsersNaming("bob");

    // 16 MB of messages into a Redis of 8 MB: without room made, every line after the first few
    // hundred is refused, and so is everything else, for good.
    int refused = 0;
    for (int i = 0; i < 1000; i++) {
      if (!sayOnce(mallory, LONGEST, "m" + i)) {
        refused++;
      }
    }
    assertTrue(refused < 10, refused + " of 1000 lines refused");

    // The chat goes on, both ways, with no one deleting anything.
    WebSocketRecorder alice = extendedClient(first, "alice");
    assertTrue(sayOnce(alice, "still here", "a1"));
    assertEquals("still here", lastMessageOf(bob, "still here").message());
    bob.send(new SendMessage("and so am I"));
    assertEquals("and so am I", lastMessageOf(alice, "and so am I").message());
    for (ChatServer node : nodes) {
      assertEquals(200, Metrics.get(node.uri(), "/healthz").statusCode());
    }
    double trims = nodes.stream().mapToDouble(node -> scrape(node).get("termchat_redis_stream_trims_total")).sum();
    assertTrue(trims >= 1, "Redis was full, and room was made in it");
  }

  @Test
  void theStreamStaysWithinItsBudgetAndRedisNeverFillsUp() throws Exception {
    redis = RedisServer.start("--maxmemory", "16mb", "--maxmemory-policy", "noeviction");
    long budget = ServerConfig.MIN_REDIS_STREAM_BYTES;
    ChatServer node = node(ServerConfig.builder().redisStreamBytes(budget));
    WebSocketRecorder mallory = extendedClient(node, "mallory");
    for (int i = 0; i < 500; i++) { // 8 MB of messages
      assertTrue(sayOnce(mallory, LONGEST, "m" + i), "line " + i + " refused");
    }
    try (Jedis jedis = new Jedis(redis.uri())) {
      long used = jedis.memoryUsage(Keepers.REDIS_STREAM, 0);
      // The budget, and what one pipeline of appends may add before the next trims it.
      assertTrue(used < budget + 600_000, "the stream takes " + used + " bytes");
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              Map<String, Double> samples = scrape(node);
              assertEquals(0.0, samples.get("termchat_redis_stream_trims_total"), "never full");
              double counted = samples.get("termchat_redis_stream_bytes");
              assertTrue(counted <= budget + 600_000, "by the node's count, " + counted + " bytes");
            });
  }

  @Test
  void aRegisterIsAppendedOnceAndWithoutWhatNoEntryHolds() throws Exception {
    redis = RedisServer.start();
    ChatServer node = node(ServerConfig.builder());
    WebSocketRecorder mallory = WebSocketRecorder.extended(node.uri()).open();
    clients.add(mallory);
    mallory.nextFrame(Welcome.class);
    Register bloated = new Register("mallory", List.of(Options.of(Wire.OPTION_RESUME, "9".repeat(60_000))));
    mallory.send(bloated);
    assertEquals("mallory", mallory.nextFrameAfterPresence(Register.class).name());
    assertEquals(new Resumed(false, 0), mallory.nextFrameAfterPresence(Resumed.class), "an id no entry has: the gap is not filled");
    for (int i = 0; i < 20; i++) {
      mallory.send(bloated);
      assertEquals(ErrorCode.ALREADY_REGISTERED.wireName(), mallory.nextFrameAfterPresence(ErrorReply.class).code());
    }
    try (Jedis jedis = new Jedis(redis.uri())) {
      List<StreamEntry> entries = jedis.xrange(Keepers.REDIS_STREAM, "-", "+");
      assertEquals(1, entries.stream().filter(entry -> "join".equals(entry.getFields().get("type"))).count(), "one join: " + entries.size());
      for (StreamEntry entry : entries) {
        for (Map.Entry<String, String> field : entry.getFields().entrySet()) {
          assertTrue(field.getValue().length() <= 100, field.getKey() + " holds " + field.getValue().length() + " characters");
        }
      }
    }
  }

  private static Map<String, Double> scrape(ChatServer node) {
    try {
      return Metrics.scrape(node.uri());
    } catch (Exception e) {
      throw new AssertionError("cannot scrape " + node.uri(), e);
    }
  }
}
