package dev.termchat.server;

import dev.termchat.cli.CliErrors;
import dev.termchat.protocol.ProductVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.termchat.server.cluster.RedisConnections;
import dev.termchat.server.edge.Origins;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The server's command line. */
@Command(
    name = "chat-server",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    subcommands = {AutoComplete.GenerateCompletion.class},
    description = {
      "A broadcast chat server over WebSockets, compatible with YewChat clients.",
      "",
      "Once bound it prints 'Listening on ws://HOST:PORT' and logs joins and leaves to stderr. "
          + "Ctrl-C or SIGTERM prints 'Stopping on SIGINT' or 'Stopping on SIGTERM', closes every "
          + "connection with 1001 (going away) and exits 0.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Stopped by Ctrl-C or SIGTERM.",
      "1:Could not listen (address in use, unknown host, unusable keystore), or failed while running (e.g. out of memory).",
      "2:Invalid command line."
    })
public final class ChatServerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ChatServerCommand.class);
  /** How long an exit after a fatal error may take before the process is halted. */
  private static final Duration HALT_GRACE = Duration.ofSeconds(10);
  /** The smallest frame limit that still takes a register frame with a long name. */
  static final int MIN_FRAME_BYTES = 256;

  @Spec private CommandSpec spec;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  private String host = ServerConfig.DEFAULT_HOST;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port to listen on; 0 takes any free port (default: ${DEFAULT-VALUE}).")
  private int port = ServerConfig.DEFAULT_PORT;

  @Option(
      names = "--max-frame-bytes",
      paramLabel = "BYTES",
      description = "Largest frame or fragmented message; larger closes with 1009 (default: ${DEFAULT-VALUE}).")
  private int maxFrameBytes = ServerConfig.DEFAULT_MAX_FRAME_BYTES;

  @Option(
      names = "--max-fragments",
      paramLabel = "N",
      description = "Most frames one message may come in, empty ones included; more close with 1009 (default: ${DEFAULT-VALUE}).")
  private int maxFragments = ServerConfig.DEFAULT_MAX_FRAGMENTS;

  @Option(
      names = "--max-message-length",
      paramLabel = "CHARS",
      description = "Longest chat message in characters (default: ${DEFAULT-VALUE}).")
  private int maxMessageChars = ServerConfig.DEFAULT_MAX_MESSAGE_CHARS;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "Frames a second one connection may send, sustained (default: ${DEFAULT-VALUE}).")
  private int rate = ServerConfig.DEFAULT_MESSAGES_PER_SECOND;

  @Option(
      names = "--burst",
      paramLabel = "N",
      description = "Frames one connection may send at once (default: ${DEFAULT-VALUE}).")
  private int burst = ServerConfig.DEFAULT_BURST;

  @Option(
      names = "--renames-per-minute",
      paramLabel = "N",
      description =
          "Renames a minute one connection may make, sustained, and five times as many the connections of one address "
              + "range together; more are refused (default: ${DEFAULT-VALUE}).")
  private int renamesPerMinute = ServerConfig.DEFAULT_RENAMES_PER_MINUTE;

  @Option(
      names = "--rename-burst",
      paramLabel = "N",
      description = "Renames one connection may make at once, five times as many one address range (default: ${DEFAULT-VALUE}).")
  private int renameBurst = ServerConfig.DEFAULT_RENAME_BURST;

  @Option(
      names = "--joins-per-minute",
      paramLabel = "N",
      description =
          "Registers a minute from one address range (a /24, a /64), sustained; more are refused and closed with 1012 "
              + "(default: ${DEFAULT-VALUE}; loopback exempt unless --limit-loopback).")
  private int joinsPerMinute = ServerConfig.DEFAULT_JOINS_PER_MINUTE;

  @Option(
      names = "--join-burst",
      paramLabel = "N",
      description = "Registers from one address range at once (default: ${DEFAULT-VALUE}).")
  private int joinBurst = ServerConfig.DEFAULT_JOIN_BURST;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description =
          "Open connections in all (default: 20000, or fewer if the file descriptor limit is lower, "
              + "or if their state would take over half the heap).")
  private Integer maxConnections;

  @Option(
      names = "--max-connections-per-address",
      paramLabel = "N",
      description = "Open connections from one IP address (default: ${DEFAULT-VALUE}).")
  private int maxConnectionsPerAddress = ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;

  @Option(
      names = "--limit-loopback",
      description =
          "Apply the bounds per address and address range to this machine (127.0.0.0/8, ::1) too: the connection caps, "
              + "queued bytes, join and rename rates, sessions kept for dropped clients. By default they do not, as "
              + "behind a proxy on this machine every client comes from there.")
  private boolean limitLoopback;

  @Option(
      names = "--max-queued-bytes",
      paramLabel = "BYTES",
      description = "Bytes waiting to be sent to one client before it is dropped as too slow (default: ${DEFAULT-VALUE}).")
  private long maxQueuedBytes = ServerConfig.DEFAULT_MAX_QUEUED_BYTES;

  @Option(
      names = "--max-queued-bytes-total",
      paramLabel = "BYTES",
      description =
          "Heap that bytes waiting to be sent may hold, all clients together; past it those holding the most are "
              + "dropped as too slow (default: 3/16 of the heap).")
  private Long maxQueuedBytesTotal;

  @Option(
      names = "--max-queued-bytes-per-address",
      paramLabel = "BYTES",
      description =
          "The same for the clients of one IP address together, loopback exempt unless --limit-loopback "
              + "(default: a quarter of the total).")
  private Long maxQueuedBytesPerAddress;

  @Option(
      names = "--max-unfinished-bytes",
      paramLabel = "BYTES",
      description =
          "Heap that handshakes and messages still arriving may hold, all clients together; past it those begun "
              + "the longest ago are closed, with 1013 (default: 1/16 of the heap).")
  private Long maxUnfinishedBytes;

  @Option(
      names = "--socket-send-buffer-bytes",
      paramLabel = "BYTES",
      description =
          "The kernel's send buffer for each client (SO_SNDBUF; Linux doubles it): what a client that stops reading "
              + "holds of the kernel's memory besides its queue; 0 lets the kernel size it, up to megabytes "
              + "(default: ${DEFAULT-VALUE}).")
  private int socketSendBufferBytes = ServerConfig.DEFAULT_SOCKET_SEND_BUFFER_BYTES;

  @Option(
      names = "--ping-interval",
      paramLabel = "SECONDS",
      description = "Ping every connection this often; one that does not answer is dropped (default: ${DEFAULT-VALUE}).")
  private int pingSeconds = (int) ServerConfig.DEFAULT_PING_INTERVAL.toSeconds();

  @Option(
      names = "--handshake-timeout",
      paramLabel = "SECONDS",
      description = "Close sockets that have not completed the WebSocket handshake by then (default: ${DEFAULT-VALUE}).")
  private int handshakeSeconds = (int) ServerConfig.DEFAULT_HANDSHAKE_TIMEOUT.toSeconds();

  @Option(
      names = "--register-timeout",
      paramLabel = "SECONDS",
      description = "Close connections that have not registered a name by then, with 1008 (default: ${DEFAULT-VALUE}).")
  private int registerSeconds = (int) ServerConfig.DEFAULT_REGISTRATION_TIMEOUT.toSeconds();

  @Option(
      names = "--allowed-origin",
      paramLabel = "ORIGIN",
      description = {
        "Also accept this browser origin (repeatable): scheme, host and port, such as",
        "  https://chat.example.org",
        "Connections without an Origin header and from local pages are always accepted."
      })
  private List<String> allowedOrigins = new ArrayList<>();

  /** How log lines look. */
  enum LogFormat {
    text,
    json
  }

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description = "text (default), or json: one JSON object a line on stderr, for Loki or Elasticsearch.")
  private LogFormat logFormat = LogFormat.text;

  @Option(
      names = "--no-web",
      description = "Serve no web page (a browser gets 426); /healthz and /metrics still answer.")
  private boolean noWeb;

  @Option(
      names = "--metrics-from-anywhere",
      description = "Answer GET /metrics from any address, not from this machine alone.")
  private boolean metricsFromAnywhere;

  @Option(
      names = "--hide-addresses",
      description = "Send messages without their sender's IP address and port (by default everyone sees them).")
  private boolean hideAddresses;

  @Option(
      names = "--history",
      paramLabel = "N",
      description = "Keep the latest N messages for people who join or reconnect; 0 keeps none (default: ${DEFAULT-VALUE}).")
  private int history = ServerConfig.DEFAULT_HISTORY;

  @Option(
      names = "--resume-window",
      paramLabel = "SECONDS",
      description = "Hold a dropped client's name this long for it to come back; 0 holds none (default: ${DEFAULT-VALUE}).")
  private int resumeSeconds = (int) ServerConfig.DEFAULT_RESUME_WINDOW.toSeconds();

  @Option(
      names = "--redis",
      paramLabel = "URL",
      defaultValue = "${env:TERMCHAT_REDIS}",
      description =
          "Share one room with every server given the same Redis: redis://HOST:PORT, redis://:PASSWORD@HOST:PORT, "
              + "rediss:// for TLS (default: $TERMCHAT_REDIS, which keeps a password out of ps).")
  private String redis;

  @Option(
      names = "--redis-stream-bytes",
      paramLabel = "BYTES",
      description =
          "About how much of Redis's memory the room's stream may take; the oldest entries are trimmed past it. "
              + "Give Redis a maxmemory above it, as OPERATIONS.md says (default: ${DEFAULT-VALUE}).")
  private long redisStreamBytes = ServerConfig.DEFAULT_REDIS_STREAM_BYTES;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      defaultValue = "${env:CHAT_PASSWORD}",
      description = "Require this password from clients; also read from CHAT_PASSWORD, which other users cannot see in ps.")
  private String password;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description = "Serve wss:// with the key and certificate in this keystore (PKCS #12 or JKS).")
  private Path tlsKeystore;

  @Option(
      names = "--tls-keystore-password",
      paramLabel = "PASSWORD",
      defaultValue = "${env:CHAT_TLS_KEYSTORE_PASSWORD}",
      description = "The keystore's password; also read from CHAT_TLS_KEYSTORE_PASSWORD.")
  private String tlsKeystorePassword;

  /**
   * Whether this command is the process: then a fatal error in any thread of it ends the process
   * (see {@link #watchForFatalErrors}), which a command run inside another program must not do.
   */
  private final boolean ownsProcess;

  private ChatServerCommand(boolean ownsProcess) {
    this.ownsProcess = ownsProcess;
  }

  /** The command line, to run inside another program such as a test. */
  static CommandLine commandLine() {
    return commandLine(false);
  }

  /** The command line of {@code java -jar chat-server.jar}, which owns its process. */
  static CommandLine forProcess() {
    return commandLine(true);
  }

  private static CommandLine commandLine(boolean ownsProcess) {
    CommandLine commandLine = new CommandLine(new ChatServerCommand(ownsProcess));
    commandLine.getCommandSpec().version("chat-server " + ProductVersion.current());
    return CliErrors.installedOn(commandLine);
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServerConfig config = config();
    ChatServer server;
    try {
      server = ChatServer.start(config);
    } catch (TlsContexts.UnusableKeystoreException e) {
      err.println("error: cannot serve wss://: " + e.getMessage());
      return 1;
    } catch (RedisConnections.UnusableRedisException e) {
      err.println("error: cannot use Redis at " + RedisConnections.describe(config.redis().orElseThrow()) + ": " + e.getMessage());
      return 1;
    } catch (BindException e) {
      return cannotListen(err, bindProblem(e));
    } catch (UnknownHostException | UnresolvedAddressException e) {
      return cannotListen(err, "unknown host");
    } catch (IOException | IllegalArgumentException | SecurityException e) {
      return cannotListen(err, e.getMessage());
    }
    if (ownsProcess) {
      watchForFatalErrors(server);
    }
    try (server) {
      // Before the line that says it is up: a SIGTERM sent on seeing it must find the handler.
      CompletableFuture<String> signal = ShutdownSignals.install();
      out.println("Listening on " + server.uri());
      if (!noWeb) {
        out.println("Chat in a browser at " + server.uri().toString().replaceFirst("^ws", "http") + "/");
      }
      out.flush();
      CompletableFuture.anyOf(signal, server.failure()).get();
      out.println("Stopping on " + signal.getNow("request") + ": closing every connection");
      out.flush();
      return 0;
    } catch (ExecutionException e) {
      err.println("error: the server failed: " + e.getCause());
      return 1;
    }
  }

  /**
   * An error no thread of the server can go on after, in any thread of the process, ends it with
   * exit code 1: at once if it can close in order, by a halt if it cannot.
   */
  private static void watchForFatalErrors(ChatServer server) {
    HaltWatchdog watchdog = new HaltWatchdog(HALT_GRACE, 1, Runtime.getRuntime()::halt, server::healthy);
    server.whenFatal(watchdog::arm);
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) -> {
          if (error instanceof Error) {
            server.fatal(error);
          } else {
            log.error("Uncaught in thread {}", thread.getName(), error);
          }
        });
  }

  private int cannotListen(PrintWriter err, String why) {
    err.println("error: cannot listen on " + host + ":" + port + ": " + why);
    return 1;
  }

  private ServerConfig config() {
    if (port < 0 || port > 65_535) {
      throw usageError("--port must be between 0 and 65535, not " + port);
    }
    if (maxFrameBytes < MIN_FRAME_BYTES) {
      throw usageError("--max-frame-bytes must be at least " + MIN_FRAME_BYTES + ", room for a register frame; not " + maxFrameBytes);
    }
    if (matched("--password") && password.isEmpty()) {
      throw usageError("--password must not be empty; leave it out for a server without one");
    }
    if (matched("--tls-keystore-password") && tlsKeystore == null) {
      throw usageError("--tls-keystore-password needs --tls-keystore");
    }
    List<String> origins = new ArrayList<>();
    for (String origin : allowedOrigins) {
      origins.add(
          Origins.normalize(origin)
              .orElseThrow(
                  () -> usageError("--allowed-origin must be an origin such as https://chat.example.org, not '" + origin + "'")));
    }
    atLeastOne("--max-fragments", maxFragments);
    atLeastOne("--max-message-length", maxMessageChars);
    atLeastOne("--rate", rate);
    atLeastOne("--burst", burst);
    atLeastOne("--renames-per-minute", renamesPerMinute);
    atLeastOne("--rename-burst", renameBurst);
    atLeastOne("--joins-per-minute", joinsPerMinute);
    atLeastOne("--join-burst", joinBurst);
    atLeastOne("--max-connections", maxConnections == null ? 1 : maxConnections);
    atLeastOne("--max-connections-per-address", maxConnectionsPerAddress);
    atLeastOne("--max-queued-bytes", maxQueuedBytes);
    atLeastOneIfGiven("--max-queued-bytes-total", maxQueuedBytesTotal);
    atLeastOneIfGiven("--max-queued-bytes-per-address", maxQueuedBytesPerAddress);
    atLeastOneIfGiven("--max-unfinished-bytes", maxUnfinishedBytes);
    atLeastOne("--ping-interval", pingSeconds);
    atLeastOne("--handshake-timeout", handshakeSeconds);
    atLeastOne("--register-timeout", registerSeconds);
    if (history < 0 || history > ServerConfig.MAX_HISTORY) {
      throw usageError("--history must be between 0 and " + ServerConfig.MAX_HISTORY + ", not " + history);
    }
    if (!ServerConfig.socketSendBufferAllowed(socketSendBufferBytes)) {
      throw usageError("--socket-send-buffer-bytes " + ServerConfig.SOCKET_SEND_BUFFER_RANGE + ", not " + socketSendBufferBytes);
    }
    if (resumeSeconds < 0) {
      throw usageError("--resume-window must be 0 or more seconds, not " + resumeSeconds);
    }
    if (redisStreamBytes < ServerConfig.MIN_REDIS_STREAM_BYTES) {
      throw usageError("--redis-stream-bytes must be at least " + ServerConfig.MIN_REDIS_STREAM_BYTES + ", not " + redisStreamBytes);
    }
    Optional<java.net.URI> redisUrl;
    try {
      redisUrl = RedisConnections.parse(redis);
    } catch (IllegalArgumentException e) {
      throw usageError((matched("--redis") ? "--redis" : "TERMCHAT_REDIS") + " " + e.getMessage());
    }
    ServerConfig.Builder builder =
        ServerConfig.builder()
            .host(host)
            .port(port)
            .maxFrameBytes(maxFrameBytes)
            .maxFragments(maxFragments)
            .maxMessageChars(maxMessageChars)
            .rate(rate, burst)
            .renameRate(renamesPerMinute, renameBurst)
            .joinRate(joinsPerMinute, joinBurst)
            .maxConnections(maxConnections != null ? maxConnections : defaultMaxConnections(tlsKeystore != null))
            .maxConnectionsPerAddress(maxConnectionsPerAddress)
            .limitLoopback(limitLoopback)
            .maxQueuedBytes(maxQueuedBytes)
            .socketSendBufferBytes(socketSendBufferBytes)
            .pingInterval(Duration.ofSeconds(pingSeconds))
            .handshakeTimeout(Duration.ofSeconds(handshakeSeconds))
            .registrationTimeout(Duration.ofSeconds(registerSeconds))
            .allowedOrigins(origins)
            .hideAddresses(hideAddresses)
            .web(!noWeb)
            .metricsFromAnywhere(metricsFromAnywhere)
            .historySize(history)
            .resumeWindow(Duration.ofSeconds(resumeSeconds))
            .redisStreamBytes(redisStreamBytes)
            .password(password == null || password.isEmpty() ? null : password);
    if (tlsKeystore != null) {
      if (tlsKeystorePassword == null) {
        throw usageError("--tls-keystore needs --tls-keystore-password or CHAT_TLS_KEYSTORE_PASSWORD");
      }
      builder.tls(new ServerConfig.TlsConfig(tlsKeystore, tlsKeystorePassword.toCharArray()));
    }
    if (redisUrl.isPresent()) {
      builder.redis(redisUrl.get());
    }
    if (maxQueuedBytesTotal != null) {
      builder.maxQueuedBytesTotal(maxQueuedBytesTotal);
    }
    if (maxQueuedBytesPerAddress != null) {
      builder.maxQueuedBytesPerAddress(maxQueuedBytesPerAddress);
    }
    if (maxUnfinishedBytes != null) {
      builder.maxUnfinishedBytes(maxUnfinishedBytes);
    }
    return builder.build();
  }

  private boolean matched(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  private void atLeastOneIfGiven(String option, Long value) {
    if (value != null) {
      atLeastOne(option, value);
    }
  }

  private void atLeastOne(String option, long value) {
    if (value < 1) {
      throw usageError(option + " must be at least 1, not " + value);
    }
  }

  private CommandLine.ParameterException usageError(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /**
   * The default cap, lowered where the process may not open enough file descriptors for it:
   * fifteen sixteenths of the limit, the rest kept for sockets not yet admitted, the JVM's own
   * files and the listening socket; and where the heap is too small for it (see {@link
   * ServerConfig#defaultMaxConnections}).
   */
  static int defaultMaxConnections(boolean tls) {
    int atMost = ServerConfig.DEFAULT_MAX_CONNECTIONS;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      long available = unix.getMaxFileDescriptorCount() / 16 * 15 - 64;
      atMost = (int) Math.max(1, Math.min(atMost, available));
    }
    return ServerConfig.defaultMaxConnections(tls, atMost);
  }

  private static String bindProblem(BindException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("in use")) {
      return "address already in use (is another server running? try --port)";
    }
    if (message.contains("assign")) {
      return "not an address of this machine";
    }
    return message;
  }
}
