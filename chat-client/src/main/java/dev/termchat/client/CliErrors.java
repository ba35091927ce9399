package dev.termchat.client;

import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How command-line failures reach a person: a mistake in the arguments is one line saying what is
 * wrong and where help is, as GNU tools do, rather than the whole usage text burying it; a
 * failure no one foresaw is one line naming it, rather than a stack trace. For the client's and
 * the benchmark's command lines; the server has one of its own (no module both programs share may
 * carry picocli), and meets no "Error: " of picocli's, which comes with a missing required argument.
 */
public final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  public static CommandLine installedOn(CommandLine commandLine) {
    CliErrors errors = new CliErrors();
    return commandLine.setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors);
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    // Some of picocli's messages begin with "Error: " already.
    String message = e.getMessage().startsWith("Error: ") ? e.getMessage().substring(7) : e.getMessage();
    err.println("error: " + message);
    serverHint(e, command).ifPresent(err::println);
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * A server's address where a name goes ({@code chat-client alice 127.0.0.1:9000}): the option
   * it needs, said, for a command that has it.
   */
  private static Optional<String> serverHint(ParameterException e, CommandLine command) {
    if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched) || command.getCommandSpec().findOption("--server") == null) {
      return Optional.empty();
    }
    return unmatched.getUnmatched().stream()
        .filter(argument -> argument.contains("://") || argument.matches("[^\\s]*:[0-9]+/?"))
        .findFirst()
        .map(address -> "(a server is named with --server: --server " + address + ")");
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    command.getErr().println("error: " + e);
    command.getErr().flush();
    return command.getCommandSpec().exitCodeOnExecutionException();
  }
}
