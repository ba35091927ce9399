package dev.termchat.client;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** {@code java -jar chat-client.jar}. */
public final class ChatClientMain {
  private ChatClientMain() {}

  public static void main(String[] args) {
    if (!LibraryFolder.found("chat-client.jar")) {
      System.exit(1);
    }
    run(args);
  }

  private static void run(String[] args) {
    CommandLine commandLine = ChatClientCommand.commandLine(System.in);
    // Java 17 picks the locale's charset, which is ASCII where no locale is set; chat is UTF-8.
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    commandLine.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    System.exit(commandLine.execute(args));
  }
}
