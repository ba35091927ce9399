package dev.termchat.client;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** {@code java -jar chat-client.jar}. */
public final class ChatClientMain {
  /** The working directory the launcher was started in, when it is not the JVM's. */
  static final String STARTED_IN = "termchat.cwd";

  private ChatClientMain() {}

  public static void main(String[] args) {
    if (!LibraryFolder.found("chat-client.jar")) {
      System.exit(1);
    }
    run(args);
  }

  private static void run(String[] args) {
    // Out of memory, or worse, on any thread: one line and an end, not a stack trace and a client
    // that still looks connected with its reading thread gone.
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      if (e instanceof VirtualMachineError) {
        System.err.println("error: the client cannot go on: " + e);
        Runtime.getRuntime().halt(1);
      }
      System.err.println("error: " + thread.getName() + " failed: " + e);
    });
    CommandLine commandLine = ChatClientCommand.commandLine(System.in);
    String startedIn = System.getProperty(STARTED_IN);
    if (startedIn != null) {
      // The launcher runs the client in its own folder (see bin/chat-client); a file named on the
      // command line is where the user was.
      commandLine.registerConverter(Path.class, file -> Path.of(startedIn).resolve(file));
    }
    // Java 17 picks the locale's charset, which is ASCII where no locale is set; chat is UTF-8.
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    commandLine.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    System.exit(commandLine.execute(args));
  }
}
