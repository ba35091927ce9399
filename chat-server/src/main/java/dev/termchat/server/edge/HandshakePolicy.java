package dev.termchat.server.edge;

import dev.termchat.server.account.ServerPassword;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.java_websocket.handshake.ClientHandshake;

/**
 * Who may open a connection: the Origin check that stops a web page from using a visitor's
 * browser to join a local chat (cross-site WebSocket hijacking), and the optional server
 * password. The server's own page is of the origin the browser reached the server by, which the
 * Host header names; so an Origin that is the Host, under this server's scheme, is its own.
 */
final class HandshakePolicy {
  /** The password is sent as {@code Authorization: Bearer PASSWORD}. */
  static final String AUTHORIZATION = "Authorization";
  static final String BEARER = "Bearer ";

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  private final Set<String> allowedOrigins;
  private final ServerPassword password;
  private final Optional<String> pageScheme;

  /**
   * @param pageScheme {@code http://} or {@code https://} when the server serves its own page,
   *     whose origin is then allowed; empty when it serves none
   */
  HandshakePolicy(List<String> allowedOrigins, ServerPassword password, Optional<String> pageScheme) {
    this.allowedOrigins = Set.copyOf(allowedOrigins.stream().flatMap(origin -> Origins.normalize(origin).stream()).toList());
    this.password = password;
    this.pageScheme = pageScheme;
  }

  /**
   * @param host the peer's address, without its port: wrong passwords are limited per address,
   *     and one that has had too many is refused with 429 whatever it sends (a request without the
   *     header guesses nothing, and is not counted)
   */
  Optional<Refusal> check(ClientHandshake request, String host) {
    if (request.hasFieldValue("Origin")
        && !originAllowed(request.getFieldValue("Origin"))
        && !ownPage(request.getFieldValue("Origin"), request.getFieldValue("Host"))) {
      return Optional.of(Refusal.forbiddenOrigin());
    }
    if (password.wanted()) {
      String authorization = request.getFieldValue(AUTHORIZATION).strip();
      // The scheme is case-insensitive (RFC 9110): "bearer" is as good as "Bearer".
      boolean bearer = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
      if (authorization.isEmpty()) {
        return Optional.of(Refusal.wrongPassword());
      }
      String given = bearer ? authorization.substring(BEARER.length()).strip() : "";
      ServerPassword.Attempt attempt = password.attempt(host, given);
      switch (attempt.outcome()) {
        case LIMITED -> {
          return Optional.of(Refusal.passwordGuessesLimited(attempt.waitSeconds()));
        }
        case WRONG -> {
          return Optional.of(Refusal.wrongPassword());
        }
        case RIGHT -> {}
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a request refused for its password may give it in-band instead: a browser's (it
   * names its page's Origin, and can send no Authorization header on a WebSocket) that offers the
   * extension and sent none. It is let in locked, and must give the password in a frame ({@code
   * access}) before anything else; a wrong header, a base client or one without an Origin (the
   * terminal client) is refused at the handshake as before, and told so at once.
   */
  boolean passwordInBand(Handshake.Request request) {
    return password.wanted() && request.extended() && request.headers().hasFieldValue("Origin")
        && !request.headers().hasFieldValue(AUTHORIZATION);
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

  /** Whether the Origin is that of the page this server serves at the Host the browser asked. */
  boolean ownPage(String origin, String host) {
    if (pageScheme.isEmpty() || host.isBlank()) {
      return false;
    }
    Optional<String> canonical = Origins.normalize(origin);
    return canonical.isPresent() && canonical.equals(Origins.normalize(pageScheme.get() + host.strip()));
  }
}
