package dev.termchat.client.bench;

/** {@code java -jar chat-bench.jar}. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(BenchCommand.commandLine().execute(args));
  }
}
