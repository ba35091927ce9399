package dev.termchat.server;

import dev.termchat.protocol.Wire;
import dev.termchat.server.room.PresenceLimits;
import dev.termchat.server.edge.HeapShares;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a server instance is configured with. Every limit has a default that stops abuse
 * without stopping heavy legitimate use; {@link Builder} starts from those defaults.
 *
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param backlog how many connections the kernel may hold before the server accepts them; the
 *     JDK default of 50 makes a burst of clients wait seconds on SYN retries
 * @param maxFrameBytes the largest frame, or fragmented message as a whole, a client may send;
 *     larger ones close the connection with 1009 before their payload is buffered
 * @param maxFragments the most frames one message may come in, empty ones included; more close
 *     the connection with 1009
 * @param maxMessageChars the longest chat message, in characters (code points)
 * @param messagesPerSecond the sustained rate of frames a connection may send
 * @param burst how many frames a connection may send at once before the rate applies
 * @param renamesPerMinute how many renames a minute a connection may make, sustained, far below
 *     the message rate: each is a frame and a users list to everyone
 * @param renameBurst how many renames a connection may make at once
 * @param joinsPerMinute how many registers a minute may come from one address range (a /24 for
 *     IPv4, a /64 for IPv6), on all nodes together; loopback exempt unless {@code limitLoopback}
 * @param joinBurst how many registers may come from one address range at once
 * @param maxConnections open connections in all; by default 20,000, or fewer when their own state
 *     would take more than half the heap ({@link HeapShares#maxConnections})
 * @param maxConnectionsPerAddress open connections from one IP address
 * @param limitLoopback whether the bounds per address and address range (connection caps, queued
 *     bytes, join and rename rates, sessions kept for dropped clients) also apply to 127.0.0.0/8
 *     and ::1, whose connections come from this machine itself
 * @param maxQueuedBytes bytes waiting to be sent to one client that has stopped reading (its
 *     socket's kernel buffer is full, and nothing could be written to it for
 *     {@link #STALL_GRACE}); past it the client is too slow and is disconnected. A client that
 *     reads may have {@link #QUEUE_BURST_FACTOR} times as much queued during a burst.
 * @param maxQueuedBytesTotal heap that what waits to be sent may hold, all clients together
 *     (a slot for each frame, and the frames made for one recipient; a broadcast is held once,
 *     outside the heap); past it the clients that hold the most are disconnected as too slow. By
 *     default three sixteenths of the heap
 * @param maxQueuedBytesPerAddress the same, the clients of one IP address together; loopback is
 *     exempt unless {@code limitLoopback}. By default a quarter of {@code maxQueuedBytesTotal}
 * @param maxUnfinishedBytes heap that handshakes and messages still arriving may hold, all
 *     clients together; past it those begun the longest ago are closed (1013, a handshake just
 *     ends). By default a sixteenth of the heap
 * @param pingInterval how often connections are pinged; one that does not answer is dropped after
 *     about one and a half intervals more
 * @param handshakeTimeout how long a new socket may take to complete the WebSocket handshake
 * @param registrationTimeout how long an open connection may go without registering a name
 * @param allowedOrigins browser origins accepted besides the local ones (http and https on
 *     localhost, 127.0.0.1 and [::1], any port)
 * @param password a password clients must send at the handshake, if any
 * @param tls the keystore to serve wss:// from, if any
 * @param shutdownGrace the most a shutdown takes: the room finishes what it took, every client
 *     gets what is queued for it and then 1001, and clients answer the close handshake
 * @param hideAddresses whether messages go out without their sender's address
 * @param historySize how many of the latest messages are kept for joining and resuming clients;
 *     0 keeps none
 * @param resumeWindow how long a dropped client's name and session wait for it to come back
 * @param redis the Redis server whose stream is the room's log, shared with other nodes; empty
 *     for a server on its own
 * @param socketSendBufferBytes the kernel's send buffer per client socket (SO_SNDBUF, which
 *     Linux doubles for its bookkeeping and caps at {@code net.core.wmem_max}); 0 lets the kernel
 *     size it, and it grows to {@code net.ipv4.tcp_wmem}'s maximum (4 MiB) for a client that
 *     stops reading, outside every limit of the server's
 * @param web whether plain HTTP requests get the chat's web page; {@code /healthz} and
 *     {@code /metrics} are served either way
 * @param metricsFromAnywhere whether {@code /metrics} answers any address, not loopback alone
 * @param redisStreamBytes about how many bytes of Redis's memory the room's stream may take in a
 *     cluster: past it the oldest entries are trimmed as new ones are appended
 */
public record ServerConfig(
    String host,
    int port,
    int backlog,
    int maxFrameBytes,
    int maxFragments,
    int maxMessageChars,
    int messagesPerSecond,
    int burst,
    int renamesPerMinute,
    int renameBurst,
    int joinsPerMinute,
    int joinBurst,
    int maxConnections,
    int maxConnectionsPerAddress,
    boolean limitLoopback,
    long maxQueuedBytes,
    long maxQueuedBytesTotal,
    long maxQueuedBytesPerAddress,
    long maxUnfinishedBytes,
    Duration pingInterval,
    Duration handshakeTimeout,
    Duration registrationTimeout,
    List<String> allowedOrigins,
    Optional<String> password,
    Optional<TlsConfig> tls,
    Duration shutdownGrace,
    boolean hideAddresses,
    int historySize,
    Duration resumeWindow,
    Optional<java.net.URI> redis,
    int socketSendBufferBytes,
    boolean web,
    boolean metricsFromAnywhere,
    long redisStreamBytes) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_BACKLOG = 4096;
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_FRAGMENTS = 128;
  public static final int DEFAULT_MAX_MESSAGE_CHARS = Wire.DEFAULT_MAX_MESSAGE_CHARS;
  public static final int DEFAULT_MESSAGES_PER_SECOND = 30;
  public static final int DEFAULT_BURST = 60;
  public static final int DEFAULT_RENAMES_PER_MINUTE = PresenceLimits.DEFAULT_RENAMES_PER_MINUTE;
  public static final int DEFAULT_RENAME_BURST = PresenceLimits.DEFAULT_RENAME_BURST;
  public static final int DEFAULT_JOINS_PER_MINUTE = PresenceLimits.DEFAULT_JOINS_PER_MINUTE;
  public static final int DEFAULT_JOIN_BURST = PresenceLimits.DEFAULT_JOIN_BURST;
  public static final int DEFAULT_MAX_CONNECTIONS = 20_000;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
  public static final long DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;
  public static final int QUEUE_BURST_FACTOR = 16;
  /**
   * How long a client may take nothing before its backlog counts against the limit for a client
   * that stopped reading: one that reads, but slower than a burst arrives, is not it.
   */
  public static final Duration STALL_GRACE = Duration.ofSeconds(3);
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REGISTRATION_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
  public static final int DEFAULT_HISTORY = 1000;
  /** History is kept in memory: this many messages of the longest size stay well within a heap. */
  public static final int MAX_HISTORY = 100_000;
  public static final Duration DEFAULT_RESUME_WINDOW = Duration.ofMinutes(2);
  /** What the room's stream may take of Redis's memory, unless told otherwise: 64 MiB. */
  public static final long DEFAULT_REDIS_STREAM_BYTES = 64L * 1024 * 1024;
  /** The smallest budget for the stream: room for dozens of the longest messages. */
  public static final long MIN_REDIS_STREAM_BYTES = 1024 * 1024;
  /**
   * What the kernel may hold for each client, written and not yet taken: 128 KiB (Linux counts
   * 256 KiB) keeps a client that stops reading from pinning megabytes of the kernel's memory, its
   * own sizing's 4 MiB; more only speeds a long backlog to a client far away on a fast link.
   */
  public static final int DEFAULT_SOCKET_SEND_BUFFER_BYTES = 128 * 1024;
  /** The smallest send buffer but 0: less would take even a short message in several writes. */
  public static final int MIN_SOCKET_SEND_BUFFER_BYTES = 8 * 1024;
  /** The largest send buffer: 16 MiB, four times what Linux grows one to by itself. */
  public static final int MAX_SOCKET_SEND_BUFFER_BYTES = 16 * 1024 * 1024;
  /** What {@link #socketSendBufferAllowed} lets through, for error messages. */
  public static final String SOCKET_SEND_BUFFER_RANGE =
      "must be 0 or between " + MIN_SOCKET_SEND_BUFFER_BYTES + " and " + MAX_SOCKET_SEND_BUFFER_BYTES + " bytes";
  /** How long a closing connection waits for its peer to finish the close handshake. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    allowedOrigins = List.copyOf(allowedOrigins);
    requirePositive("maxFrameBytes", maxFrameBytes);
    requirePositive("maxFragments", maxFragments);
    requirePositive("maxMessageChars", maxMessageChars);
    requirePositive("messagesPerSecond", messagesPerSecond);
    requirePositive("burst", burst);
    requirePositive("renamesPerMinute", renamesPerMinute);
    requirePositive("renameBurst", renameBurst);
    requirePositive("joinsPerMinute", joinsPerMinute);
    requirePositive("joinBurst", joinBurst);
    requirePositive("maxConnections", maxConnections);
    requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
    requirePositive("maxQueuedBytes", maxQueuedBytes);
    if (redisStreamBytes < MIN_REDIS_STREAM_BYTES) {
      throw new IllegalArgumentException("the stream's budget must be at least " + MIN_REDIS_STREAM_BYTES + " bytes, not " + redisStreamBytes);
    }
    requirePositive("maxQueuedBytesTotal", maxQueuedBytesTotal);
    requirePositive("maxQueuedBytesPerAddress", maxQueuedBytesPerAddress);
    requirePositive("maxUnfinishedBytes", maxUnfinishedBytes);
    if (!socketSendBufferAllowed(socketSendBufferBytes)) {
      throw new IllegalArgumentException("the socket send buffer " + SOCKET_SEND_BUFFER_RANGE + ", not " + socketSendBufferBytes);
    }
    if (historySize < 0 || historySize > MAX_HISTORY) {
      throw new IllegalArgumentException("history must be between 0 and " + MAX_HISTORY + ", not " + historySize);
    }
    if (resumeWindow.isNegative()) {
      throw new IllegalArgumentException("the resume window must not be negative");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
    }
    if (pingInterval.toSeconds() < 1
        || handshakeTimeout.isNegative()
        || handshakeTimeout.isZero()
        || registrationTimeout.isNegative()
        || registrationTimeout.isZero()) {
      throw new IllegalArgumentException(
          "the ping interval and the handshake and registration timeouts must be positive");
    }
  }

  /**
   * The connection cap when none is given: {@code atMost}, or fewer when their own state would take
   * more than its share of the heap.
   */
  public static int defaultMaxConnections(boolean tls, int atMost) {
    return Math.min(atMost, HeapShares.maxConnections(HeapShares.heap(), tls));
  }

  /** Whether a send buffer may be asked of the kernel: 0 (its own sizing) or within the limits. */
  public static boolean socketSendBufferAllowed(int bytes) {
    return bytes == 0 || (bytes >= MIN_SOCKET_SEND_BUFFER_BYTES && bytes <= MAX_SOCKET_SEND_BUFFER_BYTES);
  }

  private static void requirePositive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
  }

  public static Builder builder() {
    return new Builder();
  }


  /** Starts from the defaults; every setter returns the builder. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private int backlog = DEFAULT_BACKLOG;
    private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    private int maxFragments = DEFAULT_MAX_FRAGMENTS;
    private int maxMessageChars = DEFAULT_MAX_MESSAGE_CHARS;
    private int messagesPerSecond = DEFAULT_MESSAGES_PER_SECOND;
    private int burst = DEFAULT_BURST;
    private int renamesPerMinute = DEFAULT_RENAMES_PER_MINUTE;
    private int renameBurst = DEFAULT_RENAME_BURST;
    private int joinsPerMinute = DEFAULT_JOINS_PER_MINUTE;
    private int joinBurst = DEFAULT_JOIN_BURST;
    /** Null for the default, which depends on TLS. */
    private Integer maxConnections;
    private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    private boolean limitLoopback;
    private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
    private long maxQueuedBytesTotal = HeapShares.queuedBytesTotal(HeapShares.heap());
    /** Null for the default, which follows the total. */
    private Long maxQueuedBytesPerAddress;
    private long maxUnfinishedBytes = HeapShares.unfinishedBytes(HeapShares.heap());
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private Duration registrationTimeout = DEFAULT_REGISTRATION_TIMEOUT;
    private List<String> allowedOrigins = List.of();
    private Optional<String> password = Optional.empty();
    private Optional<TlsConfig> tls = Optional.empty();
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    private boolean hideAddresses;
    private int historySize = DEFAULT_HISTORY;
    private Duration resumeWindow = DEFAULT_RESUME_WINDOW;
    private Optional<java.net.URI> redis = Optional.empty();
    private int socketSendBufferBytes = DEFAULT_SOCKET_SEND_BUFFER_BYTES;
    private boolean web = true;
    private boolean metricsFromAnywhere;
    private long redisStreamBytes = DEFAULT_REDIS_STREAM_BYTES;

    private Builder() {}

    public Builder web(boolean value) {
      web = value;
      return this;
    }

    public Builder metricsFromAnywhere(boolean value) {
      metricsFromAnywhere = value;
      return this;
    }


    public Builder host(String value) {
      host = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder backlog(int value) {
      backlog = value;
      return this;
    }

    public Builder maxFrameBytes(int value) {
      maxFrameBytes = value;
      return this;
    }

    public Builder maxFragments(int value) {
      maxFragments = value;
      return this;
    }

    public Builder maxMessageChars(int value) {
      maxMessageChars = value;
      return this;
    }

    public Builder rate(int perSecond, int burstSize) {
      messagesPerSecond = perSecond;
      burst = burstSize;
      return this;
    }

    public Builder renameRate(int perMinute, int burstSize) {
      renamesPerMinute = perMinute;
      renameBurst = burstSize;
      return this;
    }

    public Builder joinRate(int perMinute, int burstSize) {
      joinsPerMinute = perMinute;
      joinBurst = burstSize;
      return this;
    }

    public Builder maxConnections(int value) {
      maxConnections = value;
      return this;
    }

    public Builder maxConnectionsPerAddress(int value) {
      maxConnectionsPerAddress = value;
      return this;
    }

    public Builder limitLoopback(boolean value) {
      limitLoopback = value;
      return this;
    }

    public Builder maxQueuedBytes(long value) {
      maxQueuedBytes = value;
      return this;
    }

    public Builder maxQueuedBytesTotal(long value) {
      maxQueuedBytesTotal = value;
      return this;
    }

    public Builder maxQueuedBytesPerAddress(long value) {
      maxQueuedBytesPerAddress = value;
      return this;
    }

    public Builder maxUnfinishedBytes(long value) {
      maxUnfinishedBytes = value;
      return this;
    }

    public Builder pingInterval(Duration value) {
      pingInterval = value;
      return this;
    }

    public Builder handshakeTimeout(Duration value) {
      handshakeTimeout = value;
      return this;
    }

    public Builder registrationTimeout(Duration value) {
      registrationTimeout = value;
      return this;
    }

    public Builder allowedOrigins(List<String> value) {
      allowedOrigins = value;
      return this;
    }

    public Builder password(String value) {
      password = Optional.ofNullable(value);
      return this;
    }

    public Builder tls(TlsConfig value) {
      tls = Optional.ofNullable(value);
      return this;
    }

    public Builder shutdownGrace(Duration value) {
      shutdownGrace = value;
      return this;
    }

    public Builder hideAddresses(boolean value) {
      hideAddresses = value;
      return this;
    }

    public Builder historySize(int value) {
      historySize = value;
      return this;
    }

    public Builder redis(java.net.URI value) {
      redis = Optional.of(value);
      return this;
    }

    public Builder resumeWindow(Duration value) {
      resumeWindow = value;
      return this;
    }

    public Builder redisStreamBytes(long value) {
      redisStreamBytes = value;
      return this;
    }

    public Builder socketSendBufferBytes(int value) {
      socketSendBufferBytes = value;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(
          host,
          port,
          backlog,
          maxFrameBytes,
          maxFragments,
          maxMessageChars,
          messagesPerSecond,
          burst,
          renamesPerMinute,
          renameBurst,
          joinsPerMinute,
          joinBurst,
          maxConnections != null ? maxConnections : defaultMaxConnections(tls.isPresent(), DEFAULT_MAX_CONNECTIONS),
          maxConnectionsPerAddress,
          limitLoopback,
          maxQueuedBytes,
          maxQueuedBytesTotal,
          maxQueuedBytesPerAddress != null ? maxQueuedBytesPerAddress : HeapShares.queuedBytesPerAddress(maxQueuedBytesTotal),
          maxUnfinishedBytes,
          pingInterval,
          handshakeTimeout,
          registrationTimeout,
          allowedOrigins,
          password,
          tls,
          shutdownGrace,
          hideAddresses,
          historySize,
          resumeWindow,
          redis,
          socketSendBufferBytes,
          web,
          metricsFromAnywhere,
          redisStreamBytes);
    }
  }

  /** Where the server's certificate and key are. */
  public record TlsConfig(java.nio.file.Path keystore, char[] keystorePassword) {
    public TlsConfig {
      Objects.requireNonNull(keystore, "keystore");
      Objects.requireNonNull(keystorePassword, "keystorePassword");
    }

    @Override
    public String toString() {
      return "TlsConfig[keystore=" + keystore + "]"; // never the password
    }
  }

  @Override
  public String toString() {
    return "ServerConfig[" + host + ":" + port + ", password " + (password.isPresent() ? "set" : "none") + "]";
  }
}
