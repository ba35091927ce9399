package dev.termchat.client;

import java.io.IOError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console reader thread: each line typed is a message for everyone, or a command. Ends at
 * end of input (Ctrl-D, or the end of a pipe), Ctrl-C at the prompt, or {@code /quit}.
 */
final class ConsoleReader implements Runnable {
  /** The in-chat commands, as /help and --help list them. */
  static final List<String> COMMANDS =
      List.of(
          "/users    who is online",
          "/help     the in-chat commands",
          "/quit     leave (so do Ctrl-D and Ctrl-C)",
          "//text    send text that starts with a slash");

  static final String HELP =
      "commands:" + COMMANDS.stream().map(command -> System.lineSeparator() + "  " + command).collect(Collectors.joining());

  private final Input in;
  private final ChatSession session;
  private final ChatView view;

  ConsoleReader(Input in, ChatSession session, ChatView view) {
    this.in = in;
    this.session = session;
    this.view = view;
  }

  /** Why reading the console failed, if it did; set by the console reader thread. */
  private volatile String failure;

  @Override
  public void run() {
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!handle(line)) {
          return;
        }
      }
    } catch (IOException | UncheckedIOException | IOError e) {
      // JLine reports a terminal that went away as an IOError.
      failure = String.valueOf(e.getMessage());
    }
  }

  /** Why the console could not be read, or empty when input simply ended. */
  Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** Returns false when the user asked to quit, or the reader was interrupted. */
  boolean handle(String line) {
    if (line.isBlank()) {
      return true;
    }
    if (line.startsWith("//")) {
      return say(line.substring(1));
    }
    if (!line.startsWith("/")) {
      return say(line);
    }
    String command = line.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    switch (command) {
      case "/quit", "/exit" -> {
        return false;
      }
      case "/users", "/who" -> {
        Optional<List<String>> users = session.users();
        users.ifPresentOrElse(view::users, () -> view.info("not connected"));
      }
      case "/help" -> view.info(HELP);
      default -> view.info("unknown command " + command + "; /help lists the commands");
    }
    return true;
  }

  /** Returns false when interrupted while waiting for room among the lines to send. */
  private boolean say(String text) {
    try {
      session.say(text);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
