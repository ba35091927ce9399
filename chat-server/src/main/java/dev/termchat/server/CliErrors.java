package dev.termchat.server;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How the server's command line fails, for a person: a mistake in the arguments is one line
 * saying what is wrong and where help is, as GNU tools do, rather than the whole usage text
 * burying it; a failure no one foresaw is one line naming it, rather than a stack trace.
 *
 * <p>The client has one of its own: no module both programs share may carry picocli, and its
 * errors differ: the benchmark's arguments can be missing, a message picocli begins with "Error: "
 * itself; every option of the server's is optional.
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  static CommandLine installedOn(CommandLine commandLine) {
    CliErrors errors = new CliErrors();
    return commandLine.setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors);
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("error: " + e.getMessage());
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    command.getErr().println("error: " + e);
    command.getErr().flush();
    return command.getCommandSpec().exitCodeOnExecutionException();
  }
}
