package dev.termchat.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real Redis Cluster of three masters and no replicas, for the life of a test: three {@link
 * RedisClusterNode}s of Debian's {@code redis-server}, joined by {@code redis-cli --cluster
 * create} (Debian's {@code redis-tools}, which {@code redis-server} depends on). Each node has a
 * directory of its own under one temporary directory, which {@link #close} deletes with the
 * processes.
 */
public final class RedisCluster implements AutoCloseable {
  private static final Path CLI = Path.of("/usr/bin/redis-cli");
  private static final int MASTERS = 3;

  private final Path root;
  private final List<RedisClusterNode> nodes = new ArrayList<>();
  /** Whether {@link #close} ran. Test thread only. */
  private boolean closed;

  private RedisCluster(Path root) {
    this.root = root;
  }

  /** Starts three masters that keep no data across a kill, joins them, waits until all say ok. */
  public static RedisCluster start() throws IOException, InterruptedException {
    return start(false, true);
  }

  /**
   * Starts three masters that keep no data across a kill and go on serving their own slots
   * while another is out of reach ({@code cluster-require-full-coverage no}: the others' state
   * stays ok, so {@link #awaitFailedWithout} does not apply), joins them, waits until all say ok.
   */
  public static RedisCluster startServingWhatIsLeft() throws IOException, InterruptedException {
    return start(false, false);
  }

  /**
   * Starts three masters that keep their data across a kill (an append-only file fsynced at
   * each write), joins them, waits until all say ok.
   */
  public static RedisCluster startDurable() throws IOException, InterruptedException {
    return start(true, true);
  }

  private static RedisCluster start(boolean durable, boolean fullCoverage) throws IOException, InterruptedException {
    for (Path binary : List.of(RedisClusterNode.SERVER, CLI)) {
      if (!Files.isExecutable(binary)) {
        throw new AssertionError("needs " + binary + " (apt-get install redis-server, which brings redis-tools)");
      }
    }
    RedisCluster cluster = new RedisCluster(Files.createTempDirectory("termchat-redis-cluster"));
    try {
      for (int i = 0; i < MASTERS; i++) {
        cluster.nodes.add(RedisClusterNode.start(cluster.root.resolve("node-" + i), durable, fullCoverage));
      }
      cluster.create();
      cluster.awaitOk();
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  /** Joins the nodes: {@code redis-cli --cluster create ... --cluster-replicas 0 --cluster-yes}. */
  private void create() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CLI.toString(), "--cluster", "create"));
    nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Path output = root.resolve("create.log");
    Process create = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    boolean ended = create.waitFor(RedisClusterNode.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      create.destroyForcibly();
    }
    if (!ended || create.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + (ended ? " exited with " + create.exitValue() : " did not end within "
          + RedisClusterNode.DEADLINE) + ":\n" + Files.readString(output, StandardCharsets.UTF_8) + "\n" + states());
    }
  }

  /**
   * Waits until every node says {@code cluster_state:ok}, with all 16384 slots served and three
   * masters known: after the cluster is made, and after a node came back.
   */
  public void awaitOk() {
    Map<Integer, String> lastAnswers = new LinkedHashMap<>();
    try {
      await("every node says cluster_state:ok")
          .atMost(RedisClusterNode.DEADLINE)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> nodes.stream().allMatch(node -> ok(node, lastAnswers)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("the cluster was not ok within " + RedisClusterNode.DEADLINE + "; each node's last CLUSTER INFO: "
          + lastAnswers + "\n" + states(), e);
    }
  }

  private static boolean ok(RedisClusterNode node, Map<Integer, String> lastAnswers) {
    String info = clusterInfo(node, lastAnswers);
    return info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:16384") && info.contains("cluster_size:" + MASTERS);
  }

  /** The node's {@code CLUSTER INFO} on one line, also kept in {@code lastAnswers}; empty without an answer. */
  private static String clusterInfo(RedisClusterNode node, Map<Integer, String> lastAnswers) {
    try (Jedis jedis = node.connect()) {
      String info = jedis.clusterInfo().replace("\r\n", " ");
      lastAnswers.put(node.port(), info);
      return info;
    } catch (JedisException e) {
      lastAnswers.put(node.port(), "no answer: " + e.getMessage());
      return "";
    }
  }

  /**
   * Waits until every node but {@code gone} says it failed ({@code cluster_state:fail}, or failed slots in a cluster serving what is left): they have found it
   * gone (after the node timeout), and its slots are no longer served.
   */
  public void awaitFailedWithout(RedisClusterNode gone) {
    Map<Integer, String> lastAnswers = new LinkedHashMap<>();
    try {
      await("the others say cluster_state:fail")
          .atMost(RedisClusterNode.DEADLINE)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> nodes.stream()
              .filter(node -> node != gone)
              .allMatch(node -> foundFailed(clusterInfo(node, lastAnswers))));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("the others did not find node " + gone.port() + " gone within " + RedisClusterNode.DEADLINE
          + "; each node's last CLUSTER INFO: " + lastAnswers + "\n" + states(), e);
    }
  }

  /**
   * Whether a node's CLUSTER INFO says a master failed: the cluster down, or, when it serves what
   * is left ({@link #startServingWhatIsLeft}), still ok with slots failed.
   */
  private static boolean foundFailed(String info) {
    return info.contains("cluster_state:fail") || (info.contains("cluster_slots_fail:") && !info.contains("cluster_slots_fail:0 "));
  }

  /** Where a cluster client starts: every node's address. */
  public Set<HostAndPort> seeds() {
    Set<HostAndPort> seeds = new LinkedHashSet<>();
    nodes.forEach(node -> seeds.add(node.address()));
    return seeds;
  }

  /** The temporary directory that holds every node's. */
  public Path directory() {
    return root;
  }

  public List<RedisClusterNode> masters() {
    return List.copyOf(nodes);
  }

  /** The master that serves a slot, as that master itself says ({@code CLUSTER NODES}, its own line). */
  public RedisClusterNode masterOf(int slot) {
    for (RedisClusterNode node : nodes) {
      try (Jedis jedis = node.connect()) {
        String myself = jedis.clusterNodes().lines().filter(line -> line.contains("myself")).findFirst().orElseThrow();
        if (serves(myself, slot)) {
          return node;
        }
      }
    }
    throw new AssertionError("no master says it serves slot " + slot + "\n" + states());
  }

  /** Whether a {@code CLUSTER NODES} line lists the slot: its fields from the ninth are ranges. */
  private static boolean serves(String line, int slot) {
    String[] fields = line.split(" ");
    for (int i = 8; i < fields.length; i++) {
      if (fields[i].startsWith("[")) {
        continue; // A slot on its way to or from another node.
      }
      String[] range = fields[i].split("-");
      int from = Integer.parseInt(range[0]);
      int to = range.length == 1 ? from : Integer.parseInt(range[1]);
      if (slot >= from && slot <= to) {
        return true;
      }
    }
    return false;
  }

  /** Each node's state and the end of its log: what a failure's message shows. */
  public String states() {
    StringBuilder all = new StringBuilder();
    nodes.forEach(node -> all.append(node.state()).append('\n'));
    return all.toString();
  }

  /** Kills every node and deletes their directories. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    nodes.forEach(RedisClusterNode::close);
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }
}
