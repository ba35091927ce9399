package dev.termchat.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import dev.termchat.protocol.ProductVersion;
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
    description = {
      "A broadcast chat server over WebSockets, compatible with YewChat clients.",
      "",
      "Once bound it prints 'Listening on ws://HOST:PORT' and logs joins and leaves to stderr.",
      "Ctrl-C or SIGTERM closes every connection with 1001 (going away) and exits 0."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Stopped by Ctrl-C or SIGTERM.",
      "1:Could not listen (address in use, unknown host), or failed while running.",
      "2:Invalid command line."
    })
public final class ChatServerCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  private String host = ServerConfig.DEFAULT_HOST;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port to listen on; 0 takes any free port (default: ${DEFAULT-VALUE}).")
  private int port = ServerConfig.DEFAULT_PORT;

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new ChatServerCommand());
    commandLine.getCommandSpec().version("chat-server " + ProductVersion.current());
    return commandLine;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65_535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--port must be between 0 and 65535, not " + port);
    }
    ServerConfig config = ServerConfig.onPort(port).withHost(host);
    ChatServer server;
    try {
      server = ChatServer.start(config);
    } catch (BindException e) {
      err.println("error: cannot listen on " + host + ":" + port + ": " + bindProblem(e));
      return 1;
    } catch (IOException | IllegalArgumentException | SecurityException e) {
      err.println("error: cannot listen on " + host + ":" + port + ": " + e.getMessage());
      return 1;
    }
    try (server) {
      out.println("Listening on " + server.uri());
      out.flush();
      CompletableFuture<String> signal = ShutdownSignals.install();
      CompletableFuture.anyOf(signal, server.failure()).get();
      out.println("Stopping on " + signal.getNow("request") + ": closing every connection");
      out.flush();
      return 0;
    } catch (ExecutionException e) {
      err.println("error: the server failed: " + e.getCause());
      return 1;
    }
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
