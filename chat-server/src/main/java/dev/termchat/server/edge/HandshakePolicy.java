package dev.termchat.server.edge;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.java_websocket.handshake.ClientHandshake;

/**
 * Who may open a connection: the Origin check that stops a web page from using a visitor's
 * browser to join a local chat (cross-site WebSocket hijacking), and the optional server
 * password.
 */
final class HandshakePolicy {
  /** The password is sent as {@code Authorization: Bearer PASSWORD}. */
  static final String AUTHORIZATION = "Authorization";
  static final String BEARER = "Bearer ";

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  private final Set<String> allowedOrigins;
  private final Optional<byte[]> passwordDigest;

  HandshakePolicy(List<String> allowedOrigins, Optional<String> password) {
    this.allowedOrigins = Set.copyOf(allowedOrigins.stream().flatMap(origin -> Origins.normalize(origin).stream()).toList());
    this.passwordDigest = password.map(HandshakePolicy::digest);
  }

  Optional<Refusal> check(ClientHandshake request) {
    if (request.hasFieldValue("Origin") && !originAllowed(request.getFieldValue("Origin"))) {
      return Optional.of(Refusal.forbiddenOrigin());
    }
    if (passwordDigest.isPresent()) {
      String authorization = request.getFieldValue(AUTHORIZATION).strip();
      // The scheme is case-insensitive (RFC 9110): "bearer" is as good as "Bearer".
      boolean bearer = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
      String given = bearer ? authorization.substring(BEARER.length()).strip() : "";
      // Compares digests of equal length in constant time, so timing reveals nothing.
      if (!MessageDigest.isEqual(passwordDigest.get(), digest(given))) {
        return Optional.of(Refusal.wrongPassword());
      }
    }
    return Optional.empty();
  }

  /** Local pages on any port, and the origins configured, compared in canonical form. */
  boolean originAllowed(String origin) {
    Optional<String> canonical = Origins.normalize(origin);
    if (canonical.isEmpty()) {
      return false;
    }
    if (allowedOrigins.contains(canonical.get())) {
      return true;
    }
    return LOCAL_HOSTS.contains(URI.create(canonical.get()).getHost());
  }

  private static byte[] digest(String password) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
