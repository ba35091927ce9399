package dev.termchat.server;

import dev.termchat.server.log.JsonLogProvider;
import dev.termchat.server.settings.Access;
import dev.termchat.server.settings.LogFormat;

/** {@code java -jar chat-server.jar}. */
public final class ChatServerMain {
  private ChatServerMain() {}

  /** Whether the command line asks for JSON logs, read before picocli parses it. */
  static boolean wantsJsonLogs(String[] args) {
    String option = Access.LOG_FORMAT.option();
    String json = LogFormat.json.name();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(option + "=" + json)
          || (args[i].equals(option) && i + 1 < args.length && args[i + 1].equals(json))) {
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
