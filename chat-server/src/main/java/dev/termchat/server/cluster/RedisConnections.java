package dev.termchat.server.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLException;
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
      throw new UnusableRedisException(whyNotConnected(e));
    }
  }

  private static String whyNotConnected(JedisException failure) {
    Throwable cause = find(failure, SSLException.class);
    if (cause != null) {
      return "TLS failed (" + cause.getMessage() + "); is its certificate trusted by this Java? See README, Cluster";
    }
    if (find(failure, UnknownHostException.class) != null) {
      return "unknown host";
    }
    if (find(failure, ConnectException.class) != null) {
      return "connection refused (is Redis running there?)";
    }
    if (find(failure, SocketTimeoutException.class) != null) {
      return "no answer within " + TIMEOUT.toSeconds() + " s";
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
