package dev.termchat.client.bench;

import dev.termchat.client.ServerUriConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chat-bench connections}: what many idle registered connections cost a server, and
 * whether each still gets a message: open time, errors, the time one message takes to reach all,
 * and the server's memory.
 */
@Command(
    name = "connections",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Opens N registered connections, keeps them idle, then sends one message and times how long it takes to reach them all.",
      "",
      "Each connection registers as a base client (c0, c1, ...) and counts as registered at its first users list. "
          + "Connections are spread over loopback source addresses (127.0.0.1, 127.0.0.2, ..., bound before connecting), "
          + "each with its own ephemeral ports. Once a users list names all N (or the first server's /metrics counts N users: "
          + "past the server's --list-names no list names all), and after --idle, "
          + "the first connection of part 0 still in (connection 0 unless it was refused) sends one message carrying the time it was sent.",
      "",
      "Split over processes (one process may hold fewer files than N): run --parts P processes, --part 0 to P-1, "
          + "with the same --connections; each opens every P-th connection and reports its own part; part 0 sends. "
          + "The time to reach all is the largest of the parts'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:The run completed (whatever it measured).",
      "1:No connection of this part could register (open, with --upgrade-only).",
      "2:Invalid command line."
    })
public final class ConnectionsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--server", paramLabel = "URL", converter = ServerUriConverter.class,
      description = {"The server; repeated, the nodes of a cluster, over which the connections are spread.",
          "Default: " + ServerUriConverter.EXAMPLE})
  private List<URI> servers = new ArrayList<>();

  @Option(names = "--connections", paramLabel = "N", description = "Connections over all parts (default: ${DEFAULT-VALUE}).")
  private int connections = 10_000;

  @Option(names = "--concurrency", paramLabel = "N", description = "Connection attempts in flight at once, in this part (default: ${DEFAULT-VALUE}).")
  private int concurrency = 500;

  @Option(names = "--sources", paramLabel = "K", description = "Loopback source addresses, 127.0.0.1 to 127.0.0.K (default: one per 20,000 connections; 1 for a server not on loopback).")
  private Integer sources;

  @Option(names = "--part", paramLabel = "I", description = "Which part this process is, 0 to --parts - 1 (default: ${DEFAULT-VALUE}).")
  private int part;

  @Option(names = "--parts", paramLabel = "P", description = "How many processes share the connections (default: ${DEFAULT-VALUE}).")
  private int parts = 1;

  @Option(names = "--idle", paramLabel = "SECONDS", converter = Seconds.Converter.class, description = "How long all stay idle before the message (default: ${DEFAULT-VALUE}).")
  private double idleSeconds = 5;

  @Option(names = "--timeout", paramLabel = "SECONDS", converter = Seconds.Converter.class, description = "Longest wait to register, and then for the message (default: ${DEFAULT-VALUE}).")
  private double timeoutSeconds = 300;

  @Option(names = "--upgrade-only", description = "Only open the connections (the WebSocket upgrade) and keep them idle: no register, no message, so that any WebSocket server can be measured the same way.")
  private boolean upgradeOnly;

  @Option(names = "--server-pid", paramLabel = "PID", description = "A server's process id, to read its resident memory; repeated for the nodes of a cluster.")
  private List<Long> serverPids = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    IdleOptions options = options();
    for (long pid : serverPids) {
      if (!ProcStats.readable(pid)) {
        throw new ParameterException(spec.commandLine(), "--server-pid " + pid + ": no such process, or its /proc cannot be read");
      }
    }
    Map<Long, Double> rssMiB = new LinkedHashMap<>();
    IdleConnections.Result result = new IdleConnections(options).run(() -> readRss(rssMiB));
    print(spec.commandLine().getOut(), options, result, rssMiB);
    if (result.registered() == 0) {
      String why = result.firstError() != null ? result.firstError()
          : options.register() ? "no users list came within --timeout (is it a termchat server?)"
          : "no upgrade was answered within --timeout";
      spec.commandLine().getErr().println("error: no connection could " + (options.register() ? "register" : "open") + ": " + why);
      return 1;
    }
    return 0;
  }

  /** Each server's resident memory, read while the connections are still open. */
  private void readRss(Map<Long, Double> rssMiB) {
    for (long pid : serverPids) {
      try {
        rssMiB.put(pid, ProcStats.read(pid).rssKiB() / 1024.0);
      } catch (IOException | RuntimeException e) {
        spec.commandLine().getErr().println("note: cannot read the memory of pid " + pid + ": " + BenchFailures.describe(e));
      }
    }
  }

  private static void print(PrintWriter out, IdleOptions options, IdleConnections.Result result, Map<Long, Double> rssMiB) {
    String sources = options.sources() == 1 ? "the kernel's choice" : "127.0.0.1 to 127.0.0." + options.sources();
    row(out, "part", options.part() + " of " + options.parts() + (options.sends() ? ", the sender" : ""));
    row(out, "connections", String.format(Locale.ROOT, "%d %s of %d, from %s",
        result.registered(), options.register() ? "registered" : "upgraded", result.connections(), sources));
    row(out, "all upgraded", result.handshakeSeconds() == null ? "not all"
        : String.format(Locale.ROOT, "%.3f s, %d at a time", result.handshakeSeconds(), options.concurrency()));
    if (options.register()) {
      row(out, "all registered", result.registered() == 0 ? "none"
          : result.registered() < result.connections() ? String.format(Locale.ROOT, "not all, after %.3f s", result.openSeconds())
          : String.format(Locale.ROOT, "%.3f s (each at its first users list)", result.openSeconds()));
    }
    row(out, "errors", result.errors() == 0 ? "0" : result.errors() + ", first: " + result.firstError());
    row(out, "message reached", !options.register() ? "none sent (--upgrade-only)"
        : result.unsent() ? "none: no connection of this part was still in, so nothing was sent"
        : result.reachMillis() == null ? result.reached() + " of " + result.connections() + ", not all in time"
        : result.reached() < result.connections()
            ? String.format(Locale.ROOT, "%d of %d (every one still connected) in %.1f ms", result.reached(), result.connections(), result.reachMillis())
        : String.format(Locale.ROOT, "%d of %d in %.1f ms", result.reached(), result.connections(), result.reachMillis()));
    rssMiB.forEach((pid, mib) -> row(out, "server RSS, pid " + pid, String.format(Locale.ROOT, "%.1f MiB", mib)));
    out.flush();
  }

  private static void row(PrintWriter out, String name, String value) {
    out.printf(Locale.ROOT, "%-32s %s%n", name, value);
  }

  IdleOptions options() {
    List<URI> chosen = servers.isEmpty() ? List.of(URI.create(ServerUriConverter.EXAMPLE)) : servers;
    try {
      return new IdleOptions(
          chosen, connections, part, parts, concurrency,
          sources != null ? sources : IdleOptions.defaultSources(chosen, connections),
          Seconds.of("--idle", idleSeconds), Seconds.of("--timeout", timeoutSeconds), !upgradeOnly);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
