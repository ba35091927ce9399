package dev.termchat.server;

import dev.termchat.protocol.ProductVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.termchat.server.cluster.RedisConnections;
import dev.termchat.server.store.StoreException;
import dev.termchat.server.store.StoreFile;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The server's command line; its options are the settings' (see {@link ServerOptions}). */
@Command(
    name = "chat-server",
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
      "1:Could not listen (address in use, unknown host, unusable keystore), could not use the store (--data), or failed while running (e.g. out of memory).",
      "2:Invalid command line."
    })
public final class ChatServerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ChatServerCommand.class);
  /** How long an exit after a fatal error may take before the process is halted. */
  private static final Duration HALT_GRACE = Duration.ofSeconds(10);

  @Spec private CommandSpec spec;

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
    CommandSpec spec = CommandSpec.forAnnotatedObject(new ChatServerCommand(ownsProcess));
    ServerOptions.addTo(spec);
    // After the settings' options, so that help lists them last, as picocli does by itself.
    spec.mixinStandardHelpOptions(true);
    spec.version("chat-server " + ProductVersion.current());
    return CliErrors.installedOn(new CommandLine(spec));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServerConfig config = ServerOptions.config(spec);
    ChatServer server;
    try {
      server = ChatServer.start(config);
    } catch (TlsContexts.UnusableKeystoreException e) {
      err.println("error: cannot serve wss://: " + e.getMessage());
      return 1;
    } catch (StoreException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (RedisConnections.UnusableRedisException e) {
      err.println("error: cannot use Redis at " + RedisConnections.describe(config.redis().orElseThrow()) + ": " + e.getMessage());
      return 1;
    } catch (BindException e) {
      return cannotListen(err, config, bindProblem(e));
    } catch (UnknownHostException | UnresolvedAddressException e) {
      return cannotListen(err, config, "unknown host");
    } catch (IOException | IllegalArgumentException | SecurityException e) {
      return cannotListen(err, config, e.getMessage());
    }
    if (ownsProcess) {
      watchForFatalErrors(server);
    }
    try (server) {
      // Before the line that says it is up: a SIGTERM sent on seeing it must find the handler.
      CompletableFuture<String> signal = ShutdownSignals.install();
      out.println("Listening on " + server.uri());
      out.println(config.data().map(directory -> "History kept in " + directory.resolve(StoreFile.DB))
          .orElse(config.redis().isPresent() ? "History kept in Redis" : "History kept in memory only (--data none)"));
      out.println(FileLimit.current().banner(config.maxConnections()));
      if (config.web()) {
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

  private static int cannotListen(PrintWriter err, ServerConfig config, String why) {
    err.println("error: cannot listen on " + config.host() + ":" + config.port() + ": " + why);
    return 1;
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
