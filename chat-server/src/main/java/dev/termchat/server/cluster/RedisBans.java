package dev.termchat.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.termchat.server.room.BanBook;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A cluster's bans in one Redis hash, {@value #KEY}, a field per scope and target, its value the
 * ban as JSON: kept beyond the node-wide stream, whose trimming would let an old ban go, so that
 * a node started later keeps out whom the others do. Every node writes each ban it applies (the
 * same value, so the writes agree), on a thread of its own; a node reads the hash at start.
 */
public final class RedisBans implements BanBook {
  static final String KEY = "termchat:bans";
  private static final Logger log = ClusterLogger.LOG;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TIMEOUT_MILLIS = (int) RedisConnections.TIMEOUT.toMillis();
  private static final long CLOSE_WAIT_SECONDS = 5;

  private final URI redis;
  private final RedisTopology topology;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "chat-redis-bans");
            thread.setDaemon(true);
            return thread;
          });

  public RedisBans(URI redis) {
    this.redis = redis;
    this.topology = new RedisTopology(redis);
  }

  @Override
  public List<Row> load() {
    List<Row> rows = new ArrayList<>();
    try (Jedis connection = topology.open(KEY, TIMEOUT_MILLIS)) {
      for (Map.Entry<String, String> field : connection.hgetAll(KEY).entrySet()) {
        row(field.getValue()).ifPresent(rows::add);
      }
    } catch (JedisException e) {
      // The start's check reached Redis a moment ago; without the hash the log's replay still
      // holds the bans within its window.
      log.warn("Could not read the bans from {}: {}", RedisConnections.describe(redis), e.getMessage());
    }
    return rows;
  }

  @Override
  public void put(Row row) {
    ObjectNode json = JSON.createObjectNode()
        .put("scope", row.scope()).put("target", row.target()).put("by", row.by()).put("reason", row.reason()).put("until", row.until());
    write(connection -> connection.hset(KEY, field(row.scope(), row.target()), json.toString()));
  }

  @Override
  public void remove(String scope, String target) {
    write(connection -> connection.hdel(KEY, field(scope, target)));
  }

  private static String field(String scope, String target) {
    return scope + " " + target; // No scope (a room's key or *) holds a space.
  }

  private static Optional<Row> row(String text) {
    try {
      JsonNode json = JSON.readTree(text);
      return Optional.of(new Row(
          json.path("scope").asText(), json.path("target").asText(), json.path("by").asText(), json.path("reason").asText(),
          json.path("until").asLong()));
    } catch (JsonProcessingException e) {
      log.warn("Skipped a ban in {} that is not JSON: {}", KEY, e.getOriginalMessage());
      return Optional.empty();
    }
  }

  private void write(Consumer<Jedis> command) {
    writer.execute(() -> {
      try (Jedis connection = topology.open(KEY, TIMEOUT_MILLIS)) {
        command.accept(connection);
      } catch (JedisException e) {
        // Every node writes each ban it applies, so one node's failed write is made up by another's.
        log.warn("Could not keep a change to the bans in Redis: {}", e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("The bans were not all written to Redis within {} s", CLOSE_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
