package dev.termchat.client.bench;

import dev.termchat.client.LibraryFolder;

/** {@code java -jar chat-bench.jar}. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    if (!clientJarFound() || !LibraryFolder.found("chat-bench.jar")) {
      System.exit(1);
    }
    System.exit(BenchCommand.commandLine().execute(args));
  }

  /** The benchmark runs on chat-client.jar beside it, which holds the check of lib/ itself. */
  private static boolean clientJarFound() {
    try {
      Class.forName("dev.termchat.client.LibraryFolder", false, BenchMain.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException missing) {
      System.err.println(
          "error: chat-bench.jar cannot find chat-client.jar, which must be beside it with its lib/ folder"
              + " (as in the unpacked distribution, or in target/ after a build)");
      return false;
    }
  }
}
