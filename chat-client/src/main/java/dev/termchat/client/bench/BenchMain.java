package dev.termchat.client.bench;

import dev.termchat.client.LibraryFolder;

/** {@code java -jar chat-bench.jar}. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    if (!LibraryFolder.found("chat-bench.jar")) {
      System.exit(1);
    }
    System.exit(BenchCommand.commandLine().execute(args));
  }
}
