package dev.termchat.server;

import dev.termchat.protocol.FrameCodec;
import dev.termchat.server.account.Accounts;
import dev.termchat.server.cluster.RedisLoginLimits;
import dev.termchat.server.account.OfflineMessages;
import dev.termchat.server.cluster.NodeIds;
import dev.termchat.server.cluster.NodeLiveness;
import dev.termchat.server.cluster.RedisConnections;
import dev.termchat.server.cluster.RedisRoomLog;
import dev.termchat.server.metrics.PrometheusMeters;
import dev.termchat.server.web.PageMode;
import dev.termchat.server.web.WebEndpoints;
import dev.termchat.server.edge.WebSocketEdge;
import dev.termchat.server.room.ChatRoom;
import dev.termchat.server.room.RoomSettings;
import dev.termchat.server.store.StoreException;
import dev.termchat.server.store.StoreFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running chat server: a bound socket, the WebSocket edge serving it, and the room.
 *
 * <p>{@link #start} binds before it returns, so a port in use is reported to the caller at once.
 * {@link #close} drains: no one new gets in, the room finishes what it took, every client gets
 * what is queued for it and then 1001, all within {@link ServerConfig#shutdownGrace}.
 */
public final class ChatServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatServer.class);
  /** How long a close waits for the I/O thread to end once the grace is over. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(1);

  private final ServerConfig config;
  private final ChatRoom room;
  private final PrometheusMeters meters = new PrometheusMeters();
  /** In a cluster, which nodes are alive; empty for a server on its own. */
  private final Optional<NodeLiveness> liveness;
  private final WebSocketEdge edge;
  private final InetSocketAddress boundAddress;
  private final CompletableFuture<Void> failure = new CompletableFuture<>();
  /** Whether a fatal error struck; a plain volatile, which needs no memory to set. */
  private volatile boolean failed;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Run first when a fatal error strikes; set before one can. */
  private volatile Runnable fatalHook = () -> {};
  /** Where what outlives a connection is kept: Redis, the store, or memory. */
  private final Keepers keepers;
  /** Accounts, kept where the history is: the store, or memory. */
  private final Accounts accounts;
  /** Private messages kept for registered users who are offline. */
  private final OfflineMessages offlineMessages;

  private ChatServer(ServerConfig config, ServerSocketChannel channel, Optional<SSLContext> tls, Clock clock, Optional<StoreFile> store)
      throws IOException {
    this.config = config;
    this.boundAddress = (InetSocketAddress) channel.getLocalAddress();
    FrameCodec codec = new FrameCodec();
    // A node of a cluster names its connections under an id of its own, which events carry to
    // the other nodes.
    String node = config.redis().isPresent() ? NodeIds.next() : RoomSettings.LOCAL_NODE;
    RoomSettings roomSettings = PartSettings.room(config, node);
    this.keepers = new Keepers(config, store, clock);
    Optional<RedisRoomLog> redisLog = keepers.redisLog;
    this.room = new ChatRoom(codec, roomSettings, keepers.roomLog, meters, keepers.archive, keepers.bans, keepers.deletions, this::fatal);
    this.accounts = new Accounts(room, keepers.accounts, clock, config.password(), config.registrationsPerHour(), config.limitLoopback(),
        config.redis().map(redis -> new RedisLoginLimits(redis, clock)));
    this.offlineMessages = new OfflineMessages(room, keepers.accounts, clock, config.offlineMessages(), Duration.ofDays(config.offlineDays()));
    room.offlineMail(offlineMessages);
    accounts.reserveKnownNames();
    config.operators().stream().filter(name -> !room.isAccount(name)).forEach(name ->
        log.warn("--operator {}: no account has that name, so anyone who takes it is a server operator; register it (/register) to keep it for its owner", name));
    this.liveness =
        redisLog.map(
            stream ->
                new NodeLiveness(
                    config.redis().get(), node, room::members, who -> room.leaveGone(who, "its node is gone"), room::sayWhoIsHere, stream::makeRoom));
    WebEndpoints web =
        new WebEndpoints(PageMode.of(config.web(), config.password().isPresent()), () -> healthy() && !closed.get() && room.logReachable(), meters::scrape, config.metricsFromAnywhere());
    this.edge =
        new WebSocketEdge(channel, roomSettings.node(), PartSettings.edge(config), room, codec, tls, web, meters, accounts, this::fatal);
    meters.gauge("termchat.connections", "Open sockets, WebSocket or not yet", edge::openSockets);
    meters.gauge("termchat.users", "Registered users, on every node", () -> room.names().size());
    meters.gauge("termchat.room.backlog", "Events waiting for the room's thread", room::backlog);
    // Read at a scrape, which the I/O thread answers: the only thread that may walk the connections.
    meters.gauge("termchat.queued.bytes", "Bytes queued to connections, not yet written", edge::queuedBytes);
    meters.gauge("termchat.queued.heap.bytes", "Heap held by what is queued to connections", edge::queuedHeapBytes);
    meters.gauge("termchat.unfinished.bytes", "Heap held by handshakes and messages still arriving", edge::unfinishedBytes);
    redisLog.ifPresent(this::measure);
    if (redisLog.isPresent()) {
      log.info("This node is {} of the cluster at {}", node, RedisConnections.describe(config.redis().get()));
    }
  }

  /** The state of a cluster's Redis and of the room's stream in it, as gauges. */
  private void measure(RedisRoomLog redisLog) {
    meters.gauge("termchat.redis.connected", "1 while Redis takes and gives the room's log, 0 while not", () -> redisLog.reachable() ? 1 : 0);
    meters.gauge("termchat.redis.round.trip.seconds", "Seconds Redis took to answer its last check, every 2 s", redisLog::roundTripSeconds);
    meters.gauge("termchat.redis.stream.entries", "Entries in the room's stream, as Redis said at its last check", redisLog::streamEntries);
    meters.gauge("termchat.redis.stream.bytes", "About how many bytes of Redis's memory the room's stream takes", redisLog::streamBytes);
    meters.counter(
        "termchat.redis.stream.trims", "Times Redis was full and the room's stream was trimmed by half to make room", redisLog, RedisRoomLog::roomMade);
  }

  /**
   * Binds and starts a server.
   *
   * @throws java.net.BindException when the address is in use or not local
   * @throws IOException for any other failure to listen
   * @throws RedisConnections.UnusableRedisException when a cluster's Redis does not answer, or
   *     refuses the credentials
   * @throws StoreException when the store in {@link ServerConfig#data} cannot be used
   */
  public static ChatServer start(ServerConfig config) throws IOException {
    return start(config, Clock.systemUTC());
  }

  /**
   * As {@link #start(ServerConfig)}, with the room's time from this clock, for a server on its own
   * (a cluster's is Redis's): tests move it to try the resume window and held names.
   */
  public static ChatServer start(ServerConfig config, Clock clock) throws IOException {
    // Read the keystore first: a wrong path or password should not leave a port bound.
    Optional<SSLContext> tls =
        config.tls().isPresent()
            ? Optional.of(TlsContexts.serverContext(config.tls().get()))
            : Optional.empty();
    if (config.redis().isPresent()) {
      RedisConnections.check(config.redis().get());
    }
    ServerSocketChannel channel = ServerSocketChannel.open();
    Optional<StoreFile> store = Optional.empty();
    ChatServer server;
    try {
      // Lets a restarted server take its port back while old connections sit in TIME_WAIT.
      channel.socket().setReuseAddress(true);
      // Resolved here so an unknown host is an UnknownHostException, not an unresolved address.
      InetAddress address = InetAddress.getByName(config.host());
      channel.bind(new InetSocketAddress(address, config.port()), config.backlog());
      // After the port, which nothing accepts on yet: a start refused its port makes no store
      // directory, and one refused its store closes the port again.
      store = config.data().map(directory -> StoreFile.open(directory, clock.millis()));
      server = new ChatServer(config, channel, tls, clock, store);
    } catch (IOException | RuntimeException e) {
      channel.close();
      store.ifPresent(StoreFile::close);
      throw e;
    }
    server.room.start();
    server.edge.start();
    server.liveness.ifPresent(NodeLiveness::start);
    return server;
  }

  /** The port actually bound, also when the configuration asked for port 0. */
  public int port() {
    return boundAddress.getPort();
  }

  /**
   * The address clients connect to, e.g. {@code ws://127.0.0.1:8080} or {@code wss://...}, with
   * the host as configured, so a wildcard or IPv6 host reads as the operator wrote it.
   */
  public URI uri() {
    String host = config.host();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create((config.tls().isPresent() ? "wss://" : "ws://") + host + ":" + port());
  }

  /** Sockets accepted and not yet closed, whether or not they completed a handshake. */
  public int openSockets() {
    return edge.openSockets();
  }

  /** Sockets the server still keeps any record of; zero once every one has closed. */
  public int trackedSockets() {
    return edge.trackedConnections();
  }

  /** Everyone online, in join order. */
  public List<String> users() {
    return room.names();
  }

  /**
   * Completes exceptionally if the server meets an error it cannot go on after, such as running
   * out of memory in one of its threads.
   */
  public CompletableFuture<Void> failure() {
    return failure;
  }

  /**
   * Whether the server's threads are all running, or it was closed on purpose. A thread that
   * ends any other way has died of an error, perhaps before it could report it.
   */
  boolean healthy() {
    return closed.get() || (edge.running() && room.running());
  }

  /**
   * Has the hook run first thing when a fatal error strikes, before anything that needs memory:
   * after an OutOfMemoryError, logging and completing {@link #failure} may fail themselves.
   */
  void whenFatal(Runnable hook) {
    fatalHook = hook;
  }

  /**
   * An error the server cannot go on after: the hook runs, then it is logged once and reported
   * through {@link #failure}, as far as memory allows.
   */
  void fatal(Throwable error) {
    if (failed) {
      return; // Two threads failing at once may both log; nothing worse.
    }
    failed = true;
    fatalHook.run();
    try {
      log.error("The server cannot go on: {} in thread {}", error, Thread.currentThread().getName());
      failure.completeExceptionally(error);
    } catch (Throwable again) {
      // Out of memory again, most likely: the hook has seen to the exit already.
      failure.completeExceptionally(again);
    }
  }

  /**
   * Drains and stops: stops accepting, lets the room finish what it took, sends every client
   * what is queued for it and then 1001, waits for the close handshakes, and releases the port;
   * all within {@link ServerConfig#shutdownGrace}. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    try {
      edge.stopAccepting();
      if (failed) {
        // The server cannot go on: no drain to wait for, and the clients hear why.
        edge.failAll();
      } else {
        awaitDrain(deadline);
        edge.goAway();
      }
      if (!edge.awaitClosed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        log.info("Closing the connections that did not finish their close handshake in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        edge.stop(STOP_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      // After the connections' leaves are in the log: withdrawing the node's key tells the
      // others it is gone, and they would append leaves of their own for anyone still listed.
      liveness.ifPresent(NodeLiveness::close);
      keepers.stopRetention();
      room.close();
      offlineMessages.close();
      accounts.close();
      keepers.closeArchive();

      meters.close();
    }
  }

  private void awaitDrain(long deadline) throws InterruptedException {
    try {
      room.drain().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      log.warn("The room did not finish its work within the shutdown grace");
    } catch (ExecutionException e) {
      log.warn("The room failed while finishing its work: {}", e.getCause().toString());
    }
  }
}
