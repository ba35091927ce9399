package dev.termchat.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --server}: a ws:// or wss:// URL with a host and, if any, a valid port. */
public final class ServerUriConverter implements ITypeConverter<URI> {
  public static final String EXAMPLE = "ws://127.0.0.1:8080";

  @Override
  public URI convert(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw notAServerUrl(value);
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"ws".equals(scheme) && !"wss".equals(scheme) || uri.getHost() == null) {
      throw notAServerUrl(value);
    }
    if (!scheme.equals(uri.getScheme())) {
      // Schemes are case-insensitive (RFC 3986); the WebSocket library expects lower case.
      uri = URI.create(scheme + value.substring(scheme.length()));
    }
    if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      throw new TypeConversionException("the port in '" + value + "' is not between 1 and 65535");
    }
    return uri;
  }

  private static TypeConversionException notAServerUrl(String value) {
    return new TypeConversionException(
        "'" + value + "' is not a server URL; use ws://HOST:PORT or wss://HOST:PORT, such as " + EXAMPLE);
  }
}
