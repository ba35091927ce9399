package dev.termchat.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One node of a {@link RedisCluster}: Debian's {@code redis-server} with {@code --cluster-enabled
 * yes}, in a directory of its own (its {@code nodes.conf}, its append-only file, its log), on a
 * loopback port whose cluster bus port (the port + 10000) is free too. It can be frozen, killed
 * and started again on the same port and directory, as a shard's master that stopped.
 */
public final class RedisClusterNode implements AutoCloseable {
  static final Path SERVER = Path.of("/usr/bin/redis-server");
  /** Long enough for a busy 2-core machine; a node that starts takes well under a second alone. */
  static final Duration DEADLINE = Duration.ofSeconds(90);
  /**
   * How long a node may not answer before the others suspect it: the shortest that a node
   * starved of CPU for a few seconds on a busy machine does not trip.
   */
  static final int NODE_TIMEOUT_MILLIS = 5000;
  private static final int BUS_OFFSET = 10_000;
  private static final Random RANDOM = new Random();

  private final int port;
  private final Path dir;
  private final boolean durable;
  private final boolean fullCoverage;
  /** The running process, or {@code null} once killed or closed. Test thread only. */
  private Process process;

  private RedisClusterNode(int port, Path dir, boolean durable, boolean fullCoverage) {
    this.port = port;
    this.dir = dir;
    this.durable = durable;
    this.fullCoverage = fullCoverage;
  }

  /**
   * Starts a node in {@code dir} on a free port, trying other ports when one was taken between
   * the probe and the start.
   *
   * @param durable whether it keeps its data across a kill (an append-only file, fsynced at each
   *     write); without, it comes back empty, as a master that lost its data
   * @param fullCoverage whether it refuses every key while a slot is served by none (Redis's
   *     default, {@code cluster-require-full-coverage yes}), rather than only that slot's
   */
  static RedisClusterNode start(Path dir, boolean durable, boolean fullCoverage) throws IOException {
    Files.createDirectories(dir);
    List<String> failures = new ArrayList<>();
    for (int attempt = 0; attempt < 5; attempt++) {
      RedisClusterNode node = new RedisClusterNode(freePort(), dir, durable, fullCoverage);
      try {
        node.launch();
        return node;
      } catch (AssertionError e) {
        node.close();
        failures.add(e.getMessage());
        // A node that began on a port it then lost must not come back as itself on another.
        Files.deleteIfExists(dir.resolve("nodes.conf"));
      }
    }
    throw new AssertionError("no cluster node started in " + dir + ": " + failures);
  }

  /**
   * A port from 20000 to 22767 that is free, with its bus port (30000 to 32767) free too: both
   * below the kernel's ephemeral range (32768 and up), which any outgoing connection may take the
   * moment a killed node lets go of it, so that a restart finds both free again.
   */
  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20_000 + RANDOM.nextInt(2_768);
      if (free(port) && free(port + BUS_OFFSET)) {
        return port;
      }
    }
    throw new IOException("no free pair of ports (P and P+10000) with P from 20000 to 22767");
  }

  private static boolean free(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false; // Another test or program has it.
    }
  }

  /** Starts the process in this node's directory and waits until it answers PING. */
  private void launch() throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                SERVER.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS),
                "--cluster-require-full-coverage", fullCoverage ? "yes" : "no",
                "--dir", dir.toString(), "--save", "", "--loglevel", "notice", "--daemonize", "no"));
    // "always": a write answered is on disk, so a kill -9 loses none (slow, but tests write little).
    command.addAll(durable ? List.of("--appendonly", "yes", "--appendfsync", "always") : List.of("--appendonly", "no"));
    process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
            .start();
    try {
      await("node on port " + port + " answers PING")
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(100))
          .until(this::answersPing);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("redis-server on port " + port + " did not answer within " + DEADLINE + "; " + state(), e);
    }
  }

  /** Whether it answers; fails at once, with its log, when its process has ended. */
  private boolean answersPing() {
    if (!process.isAlive()) {
      throw new AssertionError("redis-server on port " + port + " exited with " + process.exitValue() + "; " + state());
    }
    try (Jedis jedis = connect()) {
      return "PONG".equals(jedis.ping());
    } catch (JedisException notYet) {
      return false; // Not listening yet, or loading its data.
    }
  }

  /** A plain connection to this node alone (no redirects), with short timeouts. */
  public Jedis connect() {
    return new Jedis(
        address(),
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(2000)
            .socketTimeoutMillis(2000)
            .autoNegotiateProtocol(false) // RESP2, without Jedis's warning that it does so.
            .build());
  }

  public HostAndPort address() {
    return new HostAndPort("127.0.0.1", port);
  }

  public int port() {
    return port;
  }

  /** Sends SIGKILL and waits until the process is gone: no shutdown, no save. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly(); // SIGKILL on Linux
      if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("redis-server on port " + port + " outlived SIGKILL for " + DEADLINE);
      }
      process = null;
    }
  }

  /** Stops the process (SIGSTOP): its sockets stay open, and it answers nothing. */
  public void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** Lets a frozen process go on (SIGCONT). */
  public void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    if (process == null) {
      throw new IllegalStateException("redis-server on port " + port + " is not running");
    }
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
    if (!kill.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -" + name + " " + process.pid() + " failed: "
          + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /**
   * Kills the process, if it runs, and starts it again on the same port and in the same
   * directory: it reads its {@code nodes.conf} (its id, its slots, the others' addresses) and,
   * if durable, its data.
   */
  public void restart() throws IOException, InterruptedException {
    kill();
    launch();
  }

  /** The file its output goes to, across restarts. */
  Path log() {
    return dir.resolve("redis.log");
  }

  /** Whether it runs, and the last lines of its log: for a failure's message. */
  String state() {
    String running = process == null ? "not running" : process.isAlive() ? "running" : "exited with " + process.exitValue();
    List<String> lines;
    try {
      lines = Files.exists(log()) ? Files.readAllLines(log(), StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "node " + port + " (" + running + "), last lines of " + log() + ":\n  "
        + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  /** Kills the process if it runs. Idempotent; its directory is the cluster's to delete. */
  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
