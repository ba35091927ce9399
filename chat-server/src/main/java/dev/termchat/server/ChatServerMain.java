package dev.termchat.server;

import dev.termchat.server.log.JsonLogProvider;

/** {@code java -jar chat-server.jar}. */
public final class ChatServerMain {
  private ChatServerMain() {}

  /** Whether the command line asks for JSON logs, read before picocli parses it. */
  static boolean wantsJsonLogs(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--log-format=json")
          || (args[i].equals("--log-format") && i + 1 < args.length && args[i + 1].equals("json"))) {
        return true;
      }
    }
    return false;
  }

  public static void main(String[] args) {
    if (!LibraryFolder.found("chat-server.jar")) {
      System.exit(1);
    }
    // Before anything makes a logger, ChatServerCommand's class included: SLF4J picks its
    // backend once, at the first.
    if (wantsJsonLogs(args)) {
      JsonLogProvider.select();
    }
    System.exit(ChatServerCommand.forProcess().execute(args));
  }
}
