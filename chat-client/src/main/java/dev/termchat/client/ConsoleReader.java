package dev.termchat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The console reader thread: each line typed is a message for everyone, or a command. Ends at
 * end of input (Ctrl-D, or the end of a pipe) or {@code /quit}.
 */
final class ConsoleReader implements Runnable {
  static final String HELP =
      String.join(
          System.lineSeparator(),
          "commands:",
          "  /users   who is online",
          "  /help    this list",
          "  /quit    leave (so does Ctrl-D)",
          "  //text   send text that starts with a slash");

  private final BufferedReader in;
  private final ChatSession session;
  private final ChatView view;

  ConsoleReader(BufferedReader in, ChatSession session, ChatView view) {
    this.in = in;
    this.session = session;
    this.view = view;
  }

  @Override
  public void run() {
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!handle(line)) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the console", e);
    }
  }

  /** Returns false when the user asked to quit. */
  boolean handle(String line) {
    if (line.isBlank()) {
      return true;
    }
    if (line.startsWith("//")) {
      session.say(line.substring(1));
      return true;
    }
    if (!line.startsWith("/")) {
      session.say(line);
      return true;
    }
    String command = line.strip().split("\\s+", 2)[0];
    switch (command) {
      case "/quit", "/exit" -> {
        return false;
      }
      case "/users", "/who" -> {
        List<String> users = session.users();
        view.info(users.isEmpty() ? "no users list yet" : "online: " + String.join(", ", users));
      }
      case "/help" -> view.info(HELP);
      default -> view.info("unknown command " + command + "; /help lists the commands");
    }
    return true;
  }
}
