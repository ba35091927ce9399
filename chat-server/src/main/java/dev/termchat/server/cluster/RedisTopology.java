package dev.termchat.server.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Where a key lives: the URL's Redis itself, or, when that is a node of a Redis Cluster, the
 * master serving the key's slot. Each part of a node opens a plain connection through it for
 * the key it works on, with the URL's credentials, TLS and timeouts ({@link RedisConnections}),
 * so that its commands, pipelines and blocking reads stay as they are on a single Redis.
 *
 * <p>A Redis is told to be a cluster's node by {@code INFO cluster} ({@code cluster_enabled:1}) at
 * the first connection that answers. The slot map ({@code CLUSTER SLOTS}) is read afresh at each
 * connection opened: connections are opened at start and after a failure or a {@code MOVED}
 * reply, which is exactly when a stale map would misdirect, and seldom otherwise. It is asked of
 * the URL's master first, then of every master seen before, so that one master out of reach does
 * not keep the others' keys out of reach. Thread-safe.
 */
final class RedisTopology {
  private static final Logger log = ClusterLogger.LOG;

  private final URI redis;
  /** Whether the URL's Redis is a cluster's node; {@code null} until one answered. */
  private volatile Boolean cluster;
  /** The URL's Redis, and the masters of the last slot map read. Guarded by {@code this}. */
  private final Set<HostAndPort> known = new LinkedHashSet<>();

  RedisTopology(URI redis) {
    this.redis = redis;
    known.add(new HostAndPort(redis.getHost(), redis.getPort()));
  }

  /**
   * A connection to the Redis that holds the key, whose commands may each take up to {@code
   * readTimeoutMillis}.
   *
   * @throws JedisException when no Redis that could tell, or that holds it, answers
   */
  Jedis open(String key, int readTimeoutMillis) {
    if (Boolean.FALSE.equals(cluster)) {
      return RedisConnections.open(redis, readTimeoutMillis);
    }
    HostAndPort master = masterOf(JedisClusterCRC16.getSlot(key));
    return master == null ? RedisConnections.open(redis, readTimeoutMillis) : RedisConnections.open(at(master), readTimeoutMillis);
  }

  /** Whether the URL names a cluster's node; asks it if that is not known yet. */
  boolean cluster() {
    if (cluster == null) {
      masterOf(0);
    }
    return Boolean.TRUE.equals(cluster);
  }

  /**
   * The master serving a slot as the first master that answers says, or {@code null} for a
   * Redis that is no cluster's node.
   */
  private HostAndPort masterOf(int slot) {
    List<HostAndPort> askable;
    synchronized (this) {
      askable = new ArrayList<>(known);
    }
    JedisException last = null;
    for (HostAndPort node : askable) {
      try (Jedis connection = RedisConnections.open(at(node), (int) RedisConnections.TIMEOUT.toMillis())) {
        if (cluster == null) {
          cluster = clusterEnabled(connection);
          if (!cluster) {
            return null;
          }
          log.info("Redis at {} is a node of a Redis Cluster: each key is used on the master of its slot", RedisConnections.describe(redis));
        }
        TreeMap<Integer, Range> slots = slotMap(connection, node);
        synchronized (this) {
          // The masters of now: one that left the cluster is not asked again.
          known.clear();
          known.add(new HostAndPort(redis.getHost(), redis.getPort()));
          slots.values().forEach(range -> known.add(range.master()));
        }
        var serving = slots.floorEntry(slot);
        if (serving == null || serving.getValue().to() < slot) {
          // A cluster not (or no longer) whole: what would be asked there is out of reach.
          throw new JedisConnectionException("no master serves slot " + slot);
        }
        return serving.getValue().master();
      } catch (JedisConnectionException e) {
        log.debug("Cannot ask Redis at {} where slot {} is: {}", node, slot, e.getMessage());
        last = e;
      }
    }
    throw last != null ? last : new JedisConnectionException("no Redis to ask where slot " + slot + " is");
  }

  /** Whether {@code INFO cluster} says so; a Redis that refuses INFO (renamed away) is no cluster's node. */
  private static boolean clusterEnabled(Jedis connection) {
    try {
      return connection.info("cluster").contains("cluster_enabled:1");
    } catch (JedisDataException e) {
      log.debug("Redis refused INFO cluster ({}); taking it for a single Redis", e.getMessage());
      return false;
    }
  }

  /** A range of slots and the master serving it. */
  private record Range(int to, HostAndPort master) {}

  /** {@code CLUSTER SLOTS}: each range by its first slot. */
  private static TreeMap<Integer, Range> slotMap(Jedis connection, HostAndPort asked) {
    TreeMap<Integer, Range> slots = new TreeMap<>();
    for (Object range : connection.clusterSlots()) {
      List<?> fields = (List<?>) range;
      List<?> master = (List<?>) fields.get(2);
      String host = new String((byte[]) master.get(0), StandardCharsets.UTF_8);
      // An empty host, or "?", means "the address you reached me at".
      HostAndPort address = new HostAndPort(host.isEmpty() || host.equals("?") ? asked.getHost() : host, ((Long) master.get(1)).intValue());
      slots.put(((Long) fields.get(0)).intValue(), new Range(((Long) fields.get(1)).intValue(), address));
    }
    return slots;
  }

  /** The URL with another host and port: the same scheme, credentials and database. */
  private URI at(HostAndPort node) {
    if (node.getHost().equals(redis.getHost()) && node.getPort() == redis.getPort()) {
      return redis;
    }
    try {
      return new URI(redis.getScheme(), redis.getUserInfo(), node.getHost(), node.getPort(), redis.getPath(), null, null);
    } catch (URISyntaxException e) {
      throw new JedisConnectionException("Redis gave an address that makes no URL: " + node, e);
    }
  }
}
