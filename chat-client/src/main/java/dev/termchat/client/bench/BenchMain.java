package dev.termchat.client.bench;

/** {@code java -jar chat-bench.jar}. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line of {@code chat-bench}. */
  public static picocli.CommandLine commandLine() {
    return BenchCommand.commandLine();
  }
}
