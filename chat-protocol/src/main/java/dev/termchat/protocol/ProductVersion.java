package dev.termchat.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, written into a resource by Maven; the same for every module. */
public final class ProductVersion {
  private ProductVersion() {}

  public static String current() {
    Properties properties = new Properties();
    try (InputStream in = ProductVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }
}
