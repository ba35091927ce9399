package dev.termchat.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;

/**
 * How to reach the servers: where, how long to wait, what to show them, and what to ask of them.
 *
 * @param servers ws:// or wss:// URLs, tried in turn: the nodes of one cluster, or one server
 * @param connectTimeout how long a connection attempt may take
 * @param password the server password, sent at the handshake, if any
 * @param tls the trust to verify a wss:// server with; empty for the JVM's default CAs
 * @param history how many of the latest messages to be shown on joining; empty for as many as
 *     the server gives
 * @param accountPassword the password of the account named as the name asked for, to log in
 *     with when the server says that name is registered; never sent otherwise
 */
record ConnectionSettings(
    List<URI> servers,
    Duration connectTimeout,
    Optional<String> password,
    Optional<SSLContext> tls,
    OptionalInt history,
    Optional<String> accountPassword) {

  ConnectionSettings(List<URI> servers, Duration connectTimeout, Optional<String> password, Optional<SSLContext> tls, OptionalInt history) {
    this(servers, connectTimeout, password, tls, history, Optional.empty());
  }

  ConnectionSettings {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("no server to connect to");
    }
    servers = List.copyOf(servers);
  }

  /** One server, and as much history as it gives. */
  ConnectionSettings(URI server, Duration connectTimeout, Optional<String> password, Optional<SSLContext> tls) {
    this(List.of(server), connectTimeout, password, tls, OptionalInt.empty());
  }

  /** The same, asking for this much history. */
  ConnectionSettings withHistory(OptionalInt count) {
    return new ConnectionSettings(servers, connectTimeout, password, tls, count, accountPassword);
  }

  /** The same, with this server password (typed when a server came back wanting one). */
  ConnectionSettings withPassword(String secret) {
    return new ConnectionSettings(servers, connectTimeout, Optional.of(secret), tls, history, accountPassword);
  }

  /** The same, logging in to the account of the name asked for with this password. */
  ConnectionSettings withAccountPassword(Optional<String> secret) {
    return new ConnectionSettings(servers, connectTimeout, password, tls, history, secret);
  }

  /** The header a password travels in, as the server expects it. */
  Map<String, String> handshakeHeaders() {
    return password.map(secret -> Map.of("Authorization", "Bearer " + secret)).orElse(Map.of());
  }

  @Override
  public String toString() {
    return "ConnectionSettings" + servers; // never the password
  }
}
