package dev.termchat.client;

import dev.termchat.protocol.ProductVersion;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The client's command line. */
@Command(
    name = "chat-client",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Chat in the terminal with everyone on a chat server.",
      "",
      "Each line you type goes to everyone; messages from others appear as they arrive, with "
          + "their time, sender and the sender's address. If the connection drops, the client "
          + "reconnects and registers again under the same name. /help lists the commands; "
          + "Ctrl-D or /quit leaves."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Left with /quit or end of input.",
      "1:Could not connect to the server at start.",
      "2:Invalid command line."
    })
public final class ChatClientCommand implements Callable<Integer> {
  static final URI DEFAULT_SERVER = URI.create("ws://127.0.0.1:8080");
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "USERNAME",
      description = "The name to chat under; without one, a guest name is made up.")
  private String username;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "The server to connect to (default: ${DEFAULT-VALUE}).")
  private URI server = DEFAULT_SERVER;

  private final InputStream console;

  ChatClientCommand(InputStream console) {
    this.console = console;
  }

  static CommandLine commandLine(InputStream console) {
    CommandLine commandLine = new CommandLine(new ChatClientCommand(console));
    commandLine.getCommandSpec().version("chat-client " + ProductVersion.current());
    return commandLine;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    validateServer();
    String name = username != null ? username : GuestName.random(RandomGenerator.getDefault());
    ChatView view = new ConsoleView(out, ZoneId.systemDefault());
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "reconnect-timer");
              thread.setDaemon(true);
              return thread;
            });
    ChatSession session =
        new ChatSession(server, name, view, Backoff.standard(), timer, CONNECT_TIMEOUT);

    Optional<String> failure = session.start();
    if (failure.isPresent()) {
      timer.shutdownNow();
      err.println("error: cannot connect to " + server + ": " + failure.get());
      return 1;
    }
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(console, StandardCharsets.UTF_8));
    Thread reader = new Thread(new ConsoleReader(lines, session, view), "console-reader");
    reader.start();
    reader.join();
    session.close();
    return 0;
  }

  private void validateServer() {
    String scheme = server.getScheme();
    if (!"ws".equals(scheme) || server.getHost() == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--server must be a ws:// URL such as " + DEFAULT_SERVER + ", not " + server);
    }
  }
}
