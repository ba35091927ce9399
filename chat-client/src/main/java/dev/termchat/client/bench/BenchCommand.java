package dev.termchat.client.bench;

import dev.termchat.client.CliErrors;
import dev.termchat.client.ServerUriConverter;
import dev.termchat.protocol.ProductVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chat-bench}: load a chat server and measure it, as nats bench and redis-benchmark do. */
@Command(
    name = "chat-bench",
    mixinStandardHelpOptions = true,
    subcommands = {FloorCommand.class, RoomMemoryCommand.class, ConnectionsCommand.class},
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Loads a chat server with many clients and measures it.",
      "",
      // Each paragraph one string: picocli wraps it to the terminal's width.
      "It opens the clients from one thread, lets them register, waits until each knows every "
          + "client of its room, then has some of them send numbered, timestamped "
          + "messages at a fixed rate and accounts for every delivery: latency percentiles "
          + "(HdrHistogram), loss, duplicates, reordering and, with --rooms, messages outside "
          + "their room. It counts the bytes of users, joined, left and renamed frames the clients "
          + "receive until everyone knows everyone. With --server-pid it also reads the "
          + "server's CPU time, write system calls and memory from /proc.",
      "",
      "The server should have no other users during a run."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:The run completed (whatever it measured).",
      "1:The run could not be made: no server, or every client failed.",
      "2:Invalid command line."
    })
public final class BenchCommand implements Callable<Integer> {
  private static final int DEFAULT_SENDERS = 10;
  /** What this project's server allows one connection by default, messages a second. */
  private static final int SERVER_DEFAULT_RATE = 30;

  @Spec private CommandSpec spec;

  /** The command line of {@code chat-bench}. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new BenchCommand());
    commandLine.getCommandSpec().version("chat-bench " + ProductVersion.current());
    return CliErrors.installedOn(commandLine);
  }

  // The default on a line of its own: picocli breaks lines after a dot, inside a URL.
  @Option(names = "--server", paramLabel = "URL", converter = ServerUriConverter.class,
      description = {
        "The server; repeated, the nodes of a cluster, over which the clients are spread.",
        "Default: " + ServerUriConverter.EXAMPLE
      })
  private List<URI> servers = new ArrayList<>();

  @Option(names = "--clients", paramLabel = "N", description = "Clients to connect (default: ${DEFAULT-VALUE}).")
  private int clients = 500;

  @Option(names = "--senders", paramLabel = "N", description = "How many of them send (default: 10, or --clients if fewer).")
  private Integer senders;

  @Option(names = "--rate", paramLabel = "N", description = "Messages a second, all senders together (default: ${DEFAULT-VALUE}).")
  private int rate = 200;

  @Option(names = "--duration", paramLabel = "SECONDS", converter = Seconds.Converter.class, description = "How long the senders send (default: ${DEFAULT-VALUE}).")
  private double durationSeconds = 10;

  @Option(names = "--size", paramLabel = "BYTES", description = "Length of each message's text (default: ${DEFAULT-VALUE}).")
  private int size = 64;

  @Option(names = "--concurrency", paramLabel = "N", description = "Connection attempts in flight at once (default: ${DEFAULT-VALUE}).")
  private int concurrency = 500;

  @Option(names = "--timeout", paramLabel = "SECONDS", converter = Seconds.Converter.class, description = "Longest wait for connecting and for everyone to see everyone (default: ${DEFAULT-VALUE}).")
  private double timeoutSeconds = 60;

  @Option(names = "--warmup", paramLabel = "SECONDS", converter = Seconds.Converter.class, description = "An unmeasured round first, so both JVMs have compiled their hot code (default: ${DEFAULT-VALUE}).")
  private double warmupSeconds = 0;

  @Option(names = "--rooms", paramLabel = "N", description = {
      "Spread the clients over N rooms, #r1 to #rN in turn, each a rooms client in one room; "
          + "a message is expected in its sender's room alone. Without it, every client is a base "
          + "client in the server's one default room."})
  private Integer rooms;

  @Option(names = "--then-join", paramLabel = "N", description = {
      "Once everyone knows everyone, N more clients join, one at a time, each once everyone in "
          + "its room has been told of the one before, and the presence bytes of one such join "
          + "are reported: the cost of one join into a room of that size. Needs --senders 0."})
  private int lateJoins;

  @Option(names = "--server-pid", paramLabel = "PID", description = "The server's process id, to read its CPU time, write calls and memory.")
  private Long serverPid;

  @Option(names = "--json", description = "Print the report as JSON.")
  private boolean json;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BenchOptions options = options();
    if (options.senders() > 0 && options.rate() > options.senders() * SERVER_DEFAULT_RATE) {
      err.println(
          "note: each sender sends " + options.rate() / options.senders() + " messages a second, more than the "
              + SERVER_DEFAULT_RATE + " a server allows one connection by default: expect drops; add --senders");
    }
    if (!options.warmup().isZero()) {
      Benchmark warmup = new Benchmark(options.warmupRound(), Benchmark.WARMUP_NAMES);
      if (warmup.run(ServerProbe.of(OptionalLong.empty())).connected() == 0) {
        err.println("error: no client could connect to " + serversText() + ": " + warmup.firstFailure());
        return 1;
      }
    }
    Benchmark benchmark = new Benchmark(options, Benchmark.MEASURED_NAMES);
    ServerProbe probe = ServerProbe.of(options.serverPid());
    BenchReport report = benchmark.run(probe);
    if (report.connected() == 0) {
      err.println("error: no client could connect to " + serversText() + ": " + benchmark.firstFailure());
      return 1;
    }
    out.print(json ? report.toJson() + System.lineSeparator() : report.toTable());
    int lost = report.failed() + report.disconnected();
    if (lost > 0) {
      err.println("note: " + lost + (lost == 1 ? " client failed or was dropped: " : " clients failed or were dropped; first: ")
          + benchmark.firstFailure());
    }
    out.flush();
    return 0;
  }

  BenchOptions options() {
    if (serverPid != null && !ProcStats.readable(serverPid)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--server-pid " + serverPid + ": no such process, or its /proc cannot be read");
    }
    int senderCount = senders != null ? senders : Math.min(DEFAULT_SENDERS, clients);
    try {
      return new BenchOptions(
          servers(), clients, senderCount, rate, Seconds.of("--duration", durationSeconds), size, concurrency,
          Seconds.of("--timeout", timeoutSeconds), serverPid == null ? OptionalLong.empty() : OptionalLong.of(serverPid),
          Seconds.of("--warmup", warmupSeconds), rooms(), lateJoins);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private int rooms() {
    if (rooms != null && rooms < 1) {
      throw new IllegalArgumentException(BenchOptions.roomsOutOfRange(clients));
    }
    return rooms == null ? 0 : rooms;
  }

  private List<URI> servers() {
    return servers.isEmpty() ? List.of(URI.create(ServerUriConverter.EXAMPLE)) : servers;
  }

  private String serversText() {
    return servers().stream().map(URI::toString).collect(java.util.stream.Collectors.joining(", "));
  }
}
