package dev.termchat.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How to reach the server: where, how long to wait, and what to show it.
 *
 * @param server a ws:// or wss:// URL
 * @param connectTimeout how long a connection attempt may take
 * @param password the server password, sent at the handshake, if any
 * @param tls the trust to verify a wss:// server with; empty for the JVM's default CAs
 */
record ConnectionSettings(
    URI server, Duration connectTimeout, Optional<String> password, Optional<SSLContext> tls) {

  /** The header a password travels in, as the server expects it. */
  Map<String, String> handshakeHeaders() {
    return password.map(secret -> Map.of("Authorization", "Bearer " + secret)).orElse(Map.of());
  }

  @Override
  public String toString() {
    return "ConnectionSettings[" + server + "]"; // never the password
  }
}
