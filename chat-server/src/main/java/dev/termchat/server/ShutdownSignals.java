package dev.termchat.server;

import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a future the main thread waits on.
 *
 * <p>A shutdown hook alone cannot choose the exit status: the JVM exits with 128 + the signal
 * number. Handling the signals lets the server close its connections and then exit 0. No public
 * API handles signals; jdk.unsupported exports this one for the purpose, and javac's warning
 * about it cannot be turned off.
 */
final class ShutdownSignals {
  private ShutdownSignals() {}

  /** Completes with the name of the first signal received. */
  static CompletableFuture<String> install() {
    CompletableFuture<String> received = new CompletableFuture<>();
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signal -> received.complete("SIG" + signal.getName()));
    }
    return received;
  }
}
