package dev.termchat.server;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What the user sees when the server fails in a way no one foresaw: one line naming the failure
 * and exit code 1, instead of picocli's stack trace.
 */
final class OneLineErrors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    command.getErr().println("error: " + e);
    command.getErr().flush();
    return 1;
  }
}
