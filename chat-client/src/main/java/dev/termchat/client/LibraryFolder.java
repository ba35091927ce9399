package dev.termchat.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The libraries a program's thin jar names in its manifest, in the lib/ folder beside it. A jar
 * copied away from that folder, or beside a folder that lacks one of them, would die on the first
 * class it needs from a missing library with a stack trace; it is told instead, before any class
 * that needs a library is loaded. Each program's module has its own copy: one shared through
 * chat-protocol would itself be in lib/.
 */
public final class LibraryFolder {
  private LibraryFolder() {}

  /**
   * Whether every library the jar holding this class names is there; if not, says which are
   * not on standard error. Run from classes rather than a jar (in tests), there is nothing to
   * check.
   *
   * @param jar the jar's name, as the user knows it
   */
  public static boolean found(String jar) {
    List<String> missing = missing();
    if (missing.isEmpty()) {
      return true;
    }
    System.err.println(
        "error: " + jar + " cannot find its libraries: they come with it in a lib/ folder, which must stay"
            + " beside it (as in the unpacked distribution, or in target/ after a build); copy or link that"
            + " folder too, or run the launcher in the distribution's bin/ (missing: " + String.join(", ", missing) + ")");
    return false;
  }

  /** The entries of this jar's manifest Class-Path that are not beside it. */
  private static List<String> missing() {
    CodeSource source = LibraryFolder.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return List.of();
    }
    URI location;
    try {
      location = source.getLocation().toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the JVM loaded this class from " + source.getLocation(), e);
    }
    if (!"file".equals(location.getScheme()) || !Files.isRegularFile(Path.of(location))) {
      return List.of(); // a folder of classes names no libraries
    }
    Manifest manifest;
    try (JarFile self = new JarFile(Path.of(location).toFile())) {
      manifest = self.getManifest();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location + ", which this class was just loaded from", e);
    }
    String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    List<String> missing = new ArrayList<>();
    for (String entry : classPath == null ? new String[0] : classPath.trim().split(" +")) {
      if (!entry.isEmpty() && !Files.exists(Path.of(location.resolve(entry)))) {
        missing.add(entry);
      }
    }
    return missing;
  }
}
