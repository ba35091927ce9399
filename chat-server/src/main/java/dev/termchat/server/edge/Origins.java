package dev.termchat.server.edge;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Web origins (RFC 6454) in one canonical form, {@code https://chat.example.org} or
 * {@code http://localhost:3000}: scheme and host in lower case, the default port left out, no
 * path. Configured origins and the ones browsers send are both put in this form before they are
 * compared, so that {@code https://Chat.Example.org:443/} allows {@code https://chat.example.org}.
 */
public final class Origins {
  private Origins() {}

  /** The canonical form, or empty when the text is not an http or https origin. */
  public static Optional<String> normalize(String origin) {
    URI uri;
    try {
      uri = new URI(origin.strip());
    } catch (URISyntaxException e) {
      return Optional.empty(); // "null", "*", or not an origin at all
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    String path = uri.getRawPath();
    boolean bare = path == null || path.isEmpty() || path.equals("/");
    if (!(scheme.equals("http") || scheme.equals("https"))
        || host == null
        || !bare
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      return Optional.empty();
    }
    int port = uri.getPort();
    int defaultPort = scheme.equals("https") ? 443 : 80;
    String canonical = scheme + "://" + host.toLowerCase(Locale.ROOT);
    return Optional.of(port < 0 || port == defaultPort ? canonical : canonical + ":" + port);
  }
}
