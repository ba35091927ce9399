package dev.termchat.client;

import java.net.URI;
import java.net.URISyntaxException;
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
    String scheme = uri.getScheme();
    if (!"ws".equals(scheme) && !"wss".equals(scheme) || uri.getHost() == null) {
      throw notAServerUrl(value);
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
