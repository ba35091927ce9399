package dev.termchat.server;

import picocli.CommandLine;

/** {@code java -jar chat-server.jar}. */
public final class ChatServerMain {
  private ChatServerMain() {}

  public static void main(String[] args) {
    System.exit(ChatServerCommand.forProcess().execute(args));
  }
}
