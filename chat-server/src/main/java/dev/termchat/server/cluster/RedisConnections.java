package dev.termchat.server.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Connections to a cluster's Redis, as every part of a node opens them: the URL's password and
 * TLS ({@code rediss://}), and timeouts, so that a Redis that answers nothing is soon known to be
 * gone rather than waited on. The URL is shown only {@link #describe described}: never with its
 * credentials.
 */
public final class RedisConnections {
  /** How long connecting, or a command, may take before Redis counts as out of reach. */
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);

  private RedisConnections() {}

  /** A connection whose commands may each take up to {@code readTimeoutMillis}. */
  static Jedis open(URI redis, int readTimeoutMillis) {
    return new Jedis(
        redis,
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis((int) TIMEOUT.toMillis())
            .socketTimeoutMillis(readTimeoutMillis)
            .blockingSocketTimeoutMillis(readTimeoutMillis)
            // Plain RESP2, which every Redis speaks, without first asking which it prefers.
            .autoNegotiateProtocol(false)
            .build());
  }

  /** Closes a connection, if there is one; a failure to close is no news worth more than a debug line. */
  static void closeQuietly(Jedis connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (JedisException e) {
        log.debug("Closing a Redis connection failed: {}", e.getMessage());
      }
    }
  }

  /** Whether a command failed for want of an answer in time, not for a connection gone. */
  static boolean timedOut(Throwable failure) {
    return find(failure, SocketTimeoutException.class) != null;
  }

  /** Redis's own port, for a URL that names none. */
  static final int DEFAULT_PORT = 6379;

  /**
   * Reads a Redis URL as an operator writes it: {@code redis://HOST[:PORT][/DB]}, with {@code
   * :PASSWORD@} or {@code USER:PASSWORD@} before the host, or {@code rediss://} for TLS; the port
   * is 6379 when left out. A URL that is not one is refused with a message that never repeats
   * it, since it may hold a password.
   *
   * @return empty for a blank or absent value: no cluster
   * @throws IllegalArgumentException saying what is wrong, to follow the option's name
   */
  public static Optional<URI> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "is not a URL such as redis://HOST:6379 (it is not repeated here: it may hold a password; "
              + "a password's special characters must be percent-encoded, # as %23, @ as %40, / as %2F)");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("redis") || scheme.equalsIgnoreCase("rediss"))) {
      throw new IllegalArgumentException(
          "takes a URL such as redis://127.0.0.1:6379 or rediss://..., not one starting with "
              + (scheme == null ? "no scheme" : scheme + ":"));
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "needs a host and a number for a port, as in redis://HOST:6379 (a password's special characters must be percent-encoded)");
    }
    if (uri.getPort() < 0) {
      try {
        uri = new URI(uri.getScheme(), uri.getRawUserInfo() == null ? null : uri.getUserInfo(), uri.getHost(), DEFAULT_PORT, uri.getPath(), null, null);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("is not a URL such as redis://HOST:6379", e);
      }
    }
    return Optional.of(uri);
  }

  /** The URL as logs and errors may show it: scheme, host and port, no user or password. */
  public static String describe(URI redis) {
    return redis.getScheme() + "://" + redis.getHost() + (redis.getPort() < 0 ? "" : ":" + redis.getPort());
  }

  /**
   * Checks once, as a node starts, that Redis answers and takes the credentials given: a typo
   * in the URL is better told at once than as a node that refuses every join.
   *
   * @throws UnusableRedisException saying what is wrong, fit for a person
   */
  public static void check(URI redis) throws UnusableRedisException {
    try (Jedis connection = open(redis, (int) TIMEOUT.toMillis())) {
      connection.ping();
    } catch (JedisAccessControlException e) {
      throw new UnusableRedisException(
          redis.getUserInfo() == null
              ? "it needs a password (redis://:PASSWORD@HOST:PORT): " + e.getMessage()
              : "it refused the user or password: " + e.getMessage());
    } catch (JedisDataException e) {
      throw new UnusableRedisException("it refused to answer: " + e.getMessage());
    } catch (JedisException e) {
      throw new UnusableRedisException(redacted(whyNotConnected(e), redis));
    }
  }

  /** The text with the URL's credentials, if it holds them anywhere, blotted out. */
  static String redacted(String text, URI redis) {
    String result = String.valueOf(text);
    for (String secret : new String[] {redis.getRawUserInfo(), redis.getUserInfo()}) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret, "***");
      }
    }
    return result;
  }

  private static String whyNotConnected(JedisException failure) {
    Throwable cause = find(failure, SSLException.class);
    if (cause != null) {
      return "TLS failed (" + cause.getMessage() + "); is its certificate trusted by this Java? See OPERATIONS.md, Cluster";
    }
    if (find(failure, UnknownHostException.class) != null) {
      return "unknown host";
    }
    if (find(failure, ConnectException.class) != null) {
      return "connection refused (is Redis running there?)";
    }
    if (find(failure, SocketTimeoutException.class) != null) {
      return "no answer within " + TIMEOUT.toSeconds() + " s (a Redis without TLS does not answer rediss://)";
    }
    if (String.valueOf(failure.getMessage()).startsWith("Unknown reply")) {
      return "what answers there does not speak Redis (" + failure.getMessage() + ")";
    }
    return failure.getMessage();
  }

  /** The first of this type among the failure's causes and what they suppressed, or null. */
  private static Throwable find(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return cause;
      }
      for (Throwable suppressed : cause.getSuppressed()) {
        Throwable found = find(suppressed, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Redis cannot be used as given; the message says why. */
  public static final class UnusableRedisException extends IOException {
    private static final long serialVersionUID = 1L;

    UnusableRedisException(String message) {
      super(message);
    }
  }
}
