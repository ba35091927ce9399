package dev.termchat.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a {@code --server}: a ws:// or wss:// URL with a host and, if any, a valid port; or a
 * host and port without a scheme ({@code 127.0.0.1:8080}), which is taken as ws://, as is a host
 * alone, on the server's default port ({@code chat.example.org} is ws://chat.example.org:8080).
 */
public final class ServerUriConverter implements ITypeConverter<URI> {
  public static final String EXAMPLE = "ws://127.0.0.1:8080";
  /** The port a server listens on unless told otherwise, for a host given without one. */
  static final int DEFAULT_PORT = 8080;

  @Override
  public URI convert(String value) {
    boolean bare = !value.contains("://");
    String url = bare ? "ws://" + value : value;
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw notAServerUrl(value);
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"ws".equals(scheme) && !"wss".equals(scheme) || uri.getHost() == null) {
      throw notAServerUrl(value);
    }
    if (!scheme.equals(uri.getScheme())) {
      // Schemes are case-insensitive (RFC 3986); the WebSocket library expects lower case.
      uri = URI.create(scheme + url.substring(scheme.length()));
    }
    if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      throw new TypeConversionException("the port in '" + value + "' is not between 1 and 65535");
    }
    if (bare && uri.getPort() == -1) {
      uri = URI.create("ws://" + uri.getRawAuthority() + ":" + DEFAULT_PORT + uri.getRawPath());
    }
    return uri;
  }

  private static TypeConversionException notAServerUrl(String value) {
    return new TypeConversionException(
        "'" + value + "' is not a server; use ws://HOST:PORT, wss://HOST:PORT or HOST:PORT, such as " + EXAMPLE);
  }
}
