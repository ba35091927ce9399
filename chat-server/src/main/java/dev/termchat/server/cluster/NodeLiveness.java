package dev.termchat.server.cluster;

import dev.termchat.server.room.Who;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Which nodes of a cluster are alive: each refreshes a key of its own with a short time to live,
 * and a node whose key has expired is gone, with its users. Every node that notices appends a
 * leave for each of the gone node's users; the room applies a second leave for the same
 * connection as nothing, so two nodes noticing at once do no harm.
 */
public final class NodeLiveness implements AutoCloseable {
  /*
   * The time from a node's death to its users' leaves is at most TIME_TO_LIVE (its key, refreshed
   * just before, expires) + REFRESH (the next look by another node) + GRACE rounded up to whole
   * refreshes (the looks until it is judged): 4 + 1 + 3 = 8 s, then the leave's trip through the
   * stream (it was 10 + 3 + 6 = 19 s with 3 s refreshes). GRACE keeps its 2 s over a refresh,
   * the time a lost key takes to come back; a node's key now outlives 3 s of late beats, not 7,
   * and even then its users are dropped only if it stays silent through the others' grace.
   */
  /** How often a node says it is alive, and looks at the others. */
  static final Duration REFRESH = Duration.ofSeconds(1);
  /** How long a node's word holds: past it without a refresh, the node is gone. */
  static final Duration TIME_TO_LIVE = Duration.ofSeconds(4);
  private static final String KEY_PREFIX = "termchat:node:";
  /**
   * The keys' prefix on a Redis Cluster: one hash tag, so that every node's key is on one shard.
   * Spread over the shards, a shard out of reach would let no node on it refresh its key, and
   * the others would take those nodes for gone; on one shard, while it is out of reach nobody
   * can judge anyone, as on a single Redis out of reach.
   */
  private static final String CLUSTER_KEY_PREFIX = "termchat:{nodes}:node:";
  /**
   * How long a node's key must stay missing before it counts as gone: more than a refresh, so
   * that keys Redis lost (a restart, a flush) are back before anyone is judged by them.
   */
  static final Duration GRACE = Duration.ofSeconds(3);
  private static final Logger log = LoggerFactory.getLogger(NodeLiveness.class);

  private final RedisTopology redis;
  private final String node;
  private final Supplier<List<Who>> online;
  private final Consumer<Who> gone;
  private final Runnable dataLost;
  private final Runnable makeRoom;
  /** Time for the grace, in nanoseconds; tests move it. */
  private final LongSupplier nanoTime;
  /**
   * When each other node's key was first seen missing, at looks that all reached Redis since.
   * Confined to the timer thread.
   */
  private final Map<String, Long> missingSince = new HashMap<>();
  /**
   * The connection to the Redis holding the nodes' keys, or {@code null}. Confined to the timer
   * thread, and to {@link #close} once the timer has ended.
   */
  private Jedis connection;
  /** Whether this node has set its key before. Confined to the timer thread. */
  private boolean beaten;
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
   * @param dataLost told when Redis lost this node's key before its time
   * @param makeRoom trims the room's log when Redis is full, so that this node's key can be set:
   *     a key that cannot be set expires, and the others would take this node for gone
   */
  public NodeLiveness(
      URI redis, String node, Supplier<List<Who>> online, Consumer<Who> gone, Runnable dataLost, Runnable makeRoom) {
    this(redis, node, online, gone, dataLost, makeRoom, System::nanoTime);
  }

  NodeLiveness(
      URI redis,
      String node,
      Supplier<List<Who>> online,
      Consumer<Who> gone,
      Runnable dataLost,
      Runnable makeRoom,
      LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.redis = new RedisTopology(redis);
    this.node = node;
    this.online = online;
    this.gone = gone;
    this.dataLost = dataLost;
    this.makeRoom = makeRoom;
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::beat, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The connection to the Redis that holds the nodes' keys, kept across beats; opened again
   * after any failure, which is when its master may have changed.
   */
  private Jedis connection() {
    if (connection == null) {
      connection = redis.open(key(node), (int) RedisConnections.TIMEOUT.toMillis());
    }
    return connection;
  }

  /** A node's key; which prefix is known once Redis has answered whether it is a cluster. */
  private String key(String id) {
    return (redis.cluster() ? CLUSTER_KEY_PREFIX : KEY_PREFIX) + id;
  }

  /** Says this node is alive and judges the others; the timer's task, run by tests directly. */
  void beat() {
    boolean kept = connection != null;
    try {
      beatOn(connection());
    } catch (JedisException e) {
      forgetConnection(e);
      if (kept) {
        // A connection kept from the last beat dies with a Redis restarted since: one more try,
        // on a new one, so that this node's key is back now and not a refresh later.
        retry();
      }
    } catch (RuntimeException e) {
      log.error("Liveness check failed", e);
    }
  }

  /** As a beat; anything thrown here would end the timer's schedule, so nothing escapes. */
  private void retry() {
    try {
      beatOn(connection());
    } catch (JedisException e) {
      forgetConnection(e);
    } catch (RuntimeException e) {
      log.error("Liveness check failed", e);
    }
  }

  private void beatOn(Jedis current) {
    String before = refresh(current);
    if (before == null && beaten) {
      // Set less than its time to live ago, unless this node was cut off that long: either
      // way Redis lost what it had (restarted empty, flushed, failed over), or the others
      // dropped this node's users. It says again who is here.
      log.warn("This node's key in Redis was gone before its time; saying again who is on this node");
      dataLost.run();
      // The others' keys went with it, just now: their grace starts anew.
      missingSince.clear();
    }
    beaten = true;
    judgeOthers(current, nanoTime.getAsLong());
  }

  private void forgetConnection(JedisException e) {
    // The room's log says the same, once; this runs again at the next beat.
    log.debug("Cannot reach Redis for liveness: {}", e.getMessage());
    // A key must be seen missing at every look through its grace: what Redis held before it
    // went out of reach says nothing of what it holds when back, perhaps empty.
    missingSince.clear();
    RedisConnections.closeQuietly(connection);
    connection = null;
  }

  /** Sets this node's key, with its time to live; in a Redis that is full, once room is made. */
  private String refresh(Jedis connection) {
    SetParams expiring = SetParams.setParams().px(TIME_TO_LIVE.toMillis());
    try {
      return connection.setGet(key(node), "alive", expiring);
    } catch (JedisException e) {
      if (!StreamTrimmer.outOfMemory(e)) {
        throw e;
      }
      makeRoom.run();
      return connection.setGet(key(node), "alive", expiring);
    }
  }

  /**
   * Appends leaves for the users of nodes whose keys have been missing for a while: not at the
   * first look, since keys that Redis lost come back with their nodes' next refresh.
   */
  private void judgeOthers(Jedis connection, long now) {
    Map<String, Boolean> alive = new HashMap<>();
    alive.put(node, true);
    for (Who who : online.get()) {
      String other = who.node();
      if (alive.computeIfAbsent(other, key -> connection.exists(key(key)))) {
        missingSince.remove(other);
      } else if (now - missingSince.computeIfAbsent(other, key -> now) >= GRACE.toNanos()) {
        gone.accept(who);
      }
    }
    missingSince.keySet().retainAll(alive.keySet());
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      // A beat under way ends first: the connection is the timer thread's until then.
      timer.awaitTermination(RedisConnections.TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection().del(key(node));
    } catch (JedisException e) {
      log.debug("Could not withdraw this node's key: {}", e.getMessage());
    } finally {
      RedisConnections.closeQuietly(connection);
      connection = null;
    }
  }
}
