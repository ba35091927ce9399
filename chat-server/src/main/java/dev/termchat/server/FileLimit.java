package dev.termchat.server;

import dev.termchat.server.edge.EdgeSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How many files this process may hold open (RLIMIT_NOFILE), and so how many connections: each
 * is a file descriptor. Read from {@code /proc/self/limits} on Linux, which gives the hard limit
 * too; elsewhere on Unix the JVM's count of the soft one. The JVM raises its soft limit to the
 * hard one as it starts, so on Linux both are usually the same.
 *
 * @param soft the limit the process is held to, if known
 * @param hard how far the process itself could raise it, if known; empty when unlimited too
 */
record FileLimit(OptionalLong soft, OptionalLong hard) {
  /** What the file says of a limit with none. */
  private static final String UNLIMITED = "unlimited";

  /** This process's limit. */
  static FileLimit current() {
    try {
      return parse(Files.readString(Path.of("/proc/self/limits")));
    } catch (IOException | RuntimeException e) {
      // No /proc (not Linux), or a file of another shape: the JVM's own count, where it has one.
      if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
        return new FileLimit(OptionalLong.of(unix.getMaxFileDescriptorCount()), OptionalLong.empty());
      }
      return new FileLimit(OptionalLong.empty(), OptionalLong.empty());
    }
  }

  /** The "Max open files" line of a {@code /proc/PID/limits}. */
  static FileLimit parse(String limits) {
    for (String line : limits.split("\n")) {
      if (line.startsWith("Max open files")) {
        String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
        return new FileLimit(value(fields[0]), value(fields[1]));
      }
    }
    throw new IllegalArgumentException("no Max open files line");
  }

  private static OptionalLong value(String field) {
    return field.equals(UNLIMITED) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(field));
  }

  /**
   * Files kept for the JVM's own and the server's: about 50 at start (its jars among them), the
   * store's connections (a database, its WAL and its shared memory each), the listening socket.
   */
  private static final long OWN_FILES = 128;

  /**
   * Connections the soft limit leaves room for: all of it but the sockets the edge may hold in
   * their handshake beyond the cap (a sixteenth, at most {@link EdgeSettings#MAX_HANDSHAKE_SPARE})
   * and {@link #OWN_FILES}; empty when unknown.
   */
  OptionalLong connections() {
    return soft.isPresent()
        ? OptionalLong.of(Math.max(1, soft.getAsLong() - Math.min(soft.getAsLong() / 16, EdgeSettings.MAX_HANDSHAKE_SPARE) - OWN_FILES))
        : OptionalLong.empty();
  }

  /** The start line: the limit, what it allows, and whether the connection cap is held by it. */
  String banner(int maxConnections) {
    if (soft.isEmpty()) {
      return "Open files: limit unknown; the connection cap is " + maxConnections + " (--max-connections)";
    }
    String hardText = hard.isPresent() ? String.format(Locale.ROOT, "%,d", hard.getAsLong()) : UNLIMITED;
    long room = connections().getAsLong();
    String line = String.format(Locale.ROOT, "Open files: %,d at most (hard limit %s), room for %,d connections; the cap is %,d (--max-connections)",
        soft.getAsLong(), hardText, room, maxConnections);
    return maxConnections > room
        ? line + "; connections past " + String.format(Locale.ROOT, "%,d", room) + " will fail: raise the limit (ulimit -n, LimitNOFILE)"
        : line;
  }
}
