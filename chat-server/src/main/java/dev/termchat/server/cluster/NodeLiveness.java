package dev.termchat.server.cluster;

import dev.termchat.server.room.Who;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Which nodes of a cluster are alive: each refreshes a key of its own with a short time to live,
 * and a node whose key has expired is gone, with its users. Every node that notices appends a
 * leave for each of the gone node's users; the room applies a second leave for the same
 * connection as nothing, so two nodes noticing at once do no harm.
 */
public final class NodeLiveness implements AutoCloseable {
  /** How often a node says it is alive. */
  static final Duration REFRESH = Duration.ofSeconds(3);
  /** How long a node's word holds: past it without a refresh, the node is gone. */
  static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);
  private static final String KEY_PREFIX = "termchat:node:";
  private static final String UPTIME = "uptime_in_seconds:";
  private static final Logger log = LoggerFactory.getLogger(NodeLiveness.class);

  private final RedisClient redis;
  private final String node;
  private final Supplier<List<Who>> online;
  private final Consumer<Who> gone;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "chat-node-liveness");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param online who is registered, on any node
   * @param gone appends the leave of a user whose node is gone
   */
  public NodeLiveness(URI redis, String node, Supplier<List<Who>> online, Consumer<Who> gone) {
    this.redis = RedisClient.create(redis);
    this.node = node;
    this.online = online;
    this.gone = gone;
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::beat, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void beat() {
    try {
      redis.set(KEY_PREFIX + node, "alive", SetParams.setParams().px(TIME_TO_LIVE.toMillis()));
      if (redisUptime().compareTo(TIME_TO_LIVE) < 0) {
        // A Redis that restarted lost the keys, or may have: their nodes set them again within
        // a refresh. Only a key missing from a Redis up for longer says that its node is gone.
        return;
      }
      Map<String, Boolean> alive = new HashMap<>();
      alive.put(node, true);
      for (Who who : online.get()) {
        boolean nodeAlive = alive.computeIfAbsent(who.node(), other -> redis.exists(KEY_PREFIX + other));
        if (!nodeAlive) {
          gone.accept(who);
        }
      }
    } catch (JedisException e) {
      // The room's log says the same, once; this runs again at the next beat.
      log.debug("Cannot reach Redis for liveness: {}", e.getMessage());
    } catch (RuntimeException e) {
      log.error("Liveness check failed", e);
    }
  }

  /** How long Redis has been up; long, when it does not say. */
  private Duration redisUptime() {
    for (String line : redis.info("server").split("\r?\n")) {
      if (line.startsWith(UPTIME)) {
        try {
          return Duration.ofSeconds(Long.parseLong(line.substring(UPTIME.length()).trim()));
        } catch (NumberFormatException e) {
          log.debug("Redis gave an uptime that is no number: {}", line);
        }
      }
    }
    return ChronoUnit.FOREVER.getDuration();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      redis.del(KEY_PREFIX + node);
    } catch (JedisException e) {
      log.debug("Could not withdraw this node's key: {}", e.getMessage());
    }
    redis.close();
  }
}
