package dev.termchat.server;

import dev.termchat.server.edge.HeapShares;
import dev.termchat.server.settings.AccountOptions;
import dev.termchat.server.settings.Access;
import dev.termchat.server.settings.Limits;
import dev.termchat.server.settings.RoomOptions;
import dev.termchat.server.settings.ServerSettings;
import dev.termchat.server.settings.Setting;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a server instance is configured with: each component is the setting of that name
 * declared in {@link ServerSettings} (its option, default, limits and meaning), but for these,
 * which have no option:
 *
 * @param backlog how many connections the kernel may hold before the server accepts them; the
 *     JDK default of 50 makes a burst of clients wait seconds on SYN retries
 * @param tls the keystore to serve wss:// from, if any ({@code --tls-keystore} and its password)
 * @param shutdownGrace the most a shutdown takes: the room finishes what it took, every client
 *     gets what is queued for it and then 1001, and clients answer the close handshake
 * @param web whether plain HTTP requests get the chat's web page ({@code --no-web} turns it off)
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
    int listNames,
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
    int maxRooms,
    int maxRoomsPerConnection,
    Duration resumeWindow,
    Optional<URI> redis,
    int socketSendBufferBytes,
    boolean web,
    boolean metricsFromAnywhere,
    long redisStreamBytes,
    Optional<Path> data,
    int keepDays,
    int keepPerRoom,
    List<String> operators,
    int offlineMessages,
    int offlineDays,
    int registrationsPerHour) {

  /** Defaults of {@link ServerSettings}, named here for tests that measure against them. */
  public static final int DEFAULT_MAX_FRAME_BYTES = Limits.MAX_FRAME_BYTES.defaultValue();
  public static final int DEFAULT_MAX_MESSAGE_CHARS = Limits.MAX_MESSAGE_LENGTH.defaultValue();
  public static final int DEFAULT_MESSAGES_PER_SECOND = Limits.RATE.defaultValue();
  public static final int DEFAULT_BURST = Limits.BURST.defaultValue();
  public static final int DEFAULT_SOCKET_SEND_BUFFER_BYTES = Limits.SOCKET_SEND_BUFFER_BYTES.defaultValue();
  public static final long MIN_REDIS_STREAM_BYTES = RoomOptions.REDIS_STREAM_BYTES.limit().min();

  static final int DEFAULT_BACKLOG = 4096;
  static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

  /** Each setting is checked against its limits by {@link Builder#build}. */
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    allowedOrigins = List.copyOf(allowedOrigins);
    operators = List.copyOf(operators);
  }

  /** The connection cap when none is given: {@code atMost}, or fewer if the heap would not hold them. */
  public static int defaultMaxConnections(boolean tls, int atMost) {
    return Math.min(atMost, HeapShares.maxConnections(HeapShares.heap(), tls));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts from the defaults of {@link ServerSettings}; those that are shares of the heap are
   * worked out at {@link #build}, unless given.
   */
  public static final class Builder {
    /** The settings given so far; the others take their default. */
    private final Map<Setting<?>, Object> given = new HashMap<>();
    private Optional<TlsConfig> tls = Optional.empty();
    private boolean web = true;
    private Optional<URI> redis = Optional.empty();
    /** Memory only unless given: a server a program starts writes nowhere it was not told to. */
    private Optional<Path> data = Optional.empty();
    private List<String> allowedOrigins = List.of();
    private List<String> operators = List.of();

    private Builder() {}

    /** Gives a setting a value; null takes its default again. */
    public <T> Builder set(Setting<T> setting, T value) {
      if (value == null) {
        given.remove(setting);
      } else {
        given.put(setting, value);
      }
      return this;
    }

    private <T> T get(Setting<T> setting) {
      return setting.type().cast(given.getOrDefault(setting, setting.defaultValue()));
    }

    public Builder host(String value) {
      return set(Access.HOST, value);
    }

    public Builder port(int value) {
      return set(Access.PORT, value);
    }

    public Builder maxMessageChars(int value) {
      return set(Limits.MAX_MESSAGE_LENGTH, value);
    }

    /** {@code --rate} and {@code --burst}. */
    public Builder rate(int perSecond, int burstSize) {
      return set(Limits.RATE, perSecond).set(Limits.BURST, burstSize);
    }

    public Builder renameRate(int perMinute, int burstSize) {
      return set(Limits.RENAMES_PER_MINUTE, perMinute).set(Limits.RENAME_BURST, burstSize);
    }

    public Builder joinRate(int perMinute, int burstSize) {
      return set(Limits.JOINS_PER_MINUTE, perMinute).set(Limits.JOIN_BURST, burstSize);
    }

    public Builder listNames(int value) {
      return set(Limits.LIST_NAMES, value);
    }

    public Builder maxConnections(int value) {
      return set(Limits.MAX_CONNECTIONS, value);
    }

    public Builder maxConnectionsPerAddress(int value) {
      return set(Limits.MAX_CONNECTIONS_PER_ADDRESS, value);
    }

    public Builder limitLoopback(boolean value) {
      return set(Limits.LIMIT_LOOPBACK, value);
    }

    public Builder maxQueuedBytes(long value) {
      return set(Limits.MAX_QUEUED_BYTES, value);
    }

    public Builder maxQueuedBytesTotal(long value) {
      return set(Limits.MAX_QUEUED_BYTES_TOTAL, value);
    }

    public Builder maxQueuedBytesPerAddress(long value) {
      return set(Limits.MAX_QUEUED_BYTES_PER_ADDRESS, value);
    }

    public Builder maxUnfinishedBytes(long value) {
      return set(Limits.MAX_UNFINISHED_BYTES, value);
    }

    public Builder socketSendBufferBytes(int value) {
      return set(Limits.SOCKET_SEND_BUFFER_BYTES, value);
    }

    public Builder pingInterval(Duration value) {
      return set(Limits.PING_INTERVAL, value);
    }

    public Builder handshakeTimeout(Duration value) {
      return set(Limits.HANDSHAKE_TIMEOUT, value);
    }

    public Builder registrationTimeout(Duration value) {
      return set(Limits.REGISTER_TIMEOUT, value);
    }

    /** Origins as {@code Origins.normalize} gives them. */
    public Builder allowedOrigins(List<String> value) {
      allowedOrigins = value;
      return this;
    }

    /** The server's operators' names ({@code --operator}), as NameRules normalizes them. */
    public Builder operators(List<String> value) {
      operators = value;
      return this;
    }

    public Builder web(boolean value) {
      web = value;
      return this;
    }

    /** A password clients must send at the handshake; null or empty for none. */
    public Builder password(String value) {
      return set(Access.PASSWORD, value == null || value.isEmpty() ? null : value);
    }

    public Builder tls(TlsConfig value) {
      tls = Optional.ofNullable(value);
      return this;
    }

    public Builder hideAddresses(boolean value) {
      return set(RoomOptions.HIDE_ADDRESSES, value);
    }

    public Builder historySize(int value) {
      return set(RoomOptions.HISTORY, value);
    }

    public Builder resumeWindow(Duration value) {
      return set(RoomOptions.RESUME_WINDOW, value);
    }

    public Builder redis(URI value) {
      redis = Optional.of(value);
      return this;
    }

    /** Keeps the room's log in a store in this directory ({@code --data}); a cluster's is Redis. */
    public Builder data(Path directory) {
      data = Optional.of(directory);
      return this;
    }

    public Builder redisStreamBytes(long value) {
      return set(RoomOptions.REDIS_STREAM_BYTES, value);
    }

    /**
     * @throws IllegalArgumentException for a setting outside its limits, saying so as the command
     *     line would
     */
    public ServerConfig build() {
      given.forEach(Setting::requireWithin);
      Integer maxConnections = get(Limits.MAX_CONNECTIONS);
      long heap = HeapShares.heap();
      long queuedTotal = orElse(get(Limits.MAX_QUEUED_BYTES_TOTAL), HeapShares.queuedBytesTotal(heap));
      return new ServerConfig(
          get(Access.HOST),
          get(Access.PORT),
          DEFAULT_BACKLOG,
          get(Limits.MAX_FRAME_BYTES),
          get(Limits.MAX_FRAGMENTS),
          get(Limits.MAX_MESSAGE_LENGTH),
          get(Limits.RATE),
          get(Limits.BURST),
          get(Limits.RENAMES_PER_MINUTE),
          get(Limits.RENAME_BURST),
          get(Limits.JOINS_PER_MINUTE),
          get(Limits.JOIN_BURST),
          get(Limits.LIST_NAMES),
          maxConnections != null ? maxConnections : defaultMaxConnections(tls.isPresent(), Limits.MAX_CONNECTIONS_AT_MOST),
          get(Limits.MAX_CONNECTIONS_PER_ADDRESS),
          get(Limits.LIMIT_LOOPBACK),
          get(Limits.MAX_QUEUED_BYTES),
          queuedTotal,
          orElse(get(Limits.MAX_QUEUED_BYTES_PER_ADDRESS), HeapShares.queuedBytesPerAddress(queuedTotal)),
          orElse(get(Limits.MAX_UNFINISHED_BYTES), HeapShares.unfinishedBytes(heap)),
          get(Limits.PING_INTERVAL),
          get(Limits.HANDSHAKE_TIMEOUT),
          get(Limits.REGISTER_TIMEOUT),
          allowedOrigins,
          Optional.ofNullable(get(Access.PASSWORD)),
          tls,
          DEFAULT_SHUTDOWN_GRACE,
          get(RoomOptions.HIDE_ADDRESSES),
          get(RoomOptions.HISTORY),
          get(RoomOptions.MAX_ROOMS),
          get(RoomOptions.MAX_ROOMS_PER_CONNECTION),
          get(RoomOptions.RESUME_WINDOW),
          redis,
          get(Limits.SOCKET_SEND_BUFFER_BYTES),
          web,
          get(Access.METRICS_FROM_ANYWHERE),
          get(RoomOptions.REDIS_STREAM_BYTES),
          redis.isPresent() ? Optional.empty() : data,
          get(RoomOptions.KEEP_DAYS),
          get(RoomOptions.KEEP_PER_ROOM),
          operators,
          get(AccountOptions.OFFLINE_MESSAGES),
          get(AccountOptions.OFFLINE_DAYS),
          get(AccountOptions.REGISTRATIONS_PER_HOUR));
    }

    private static long orElse(Long given, long otherwise) {
      return given != null ? given : otherwise;
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
