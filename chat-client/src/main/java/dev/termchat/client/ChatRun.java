package dev.termchat.client;

import java.util.List;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One run of the client once its command line is understood: connect, read the console until the
 * user leaves, wait for the lines still on their way, leave cleanly, and say how it went as an
 * exit status. A signal at any moment leaves with a close frame too.
 */
final class ChatRun {
  /**
   * How long leaving waits, once nothing happens any more, for lines still going out or waiting
   * for their echo: briefly for a person who typed /quit, longer for piped input, which may still
   * be going out at the server's pace or waiting for a reconnection.
   */
  private static final Duration PATIENCE_TYPED = Duration.ofSeconds(2);
  private static final Duration PATIENCE_PIPED = Duration.ofSeconds(30);
  /** The exit status when some lines were not delivered. */
  static final int NOT_DELIVERED = 3;
  /** The exit status when the server ended the session for good: banned, or the account's password refused. */
  static final int ENDED = 4;
  /** The exit code of a process ended by a signal while it was closing (128 + SIGINT). */
  static final int INTERRUPTED = 130;

  private ChatRun() {}

  static int chat(ClientConsole console, ConnectionSettings settings, String name, List<String> rooms, PrintWriter err)
      throws InterruptedException {
    ChatView view = console.view(Clock.systemDefaultZone());
    ScheduledExecutorService sessionThread =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "chat-session");
              thread.setDaemon(true);
              return thread;
            });
    ChatSession session =
        new ChatSession(settings, console.interactive(), name, rooms, view, Backoff.standard(), sessionThread);
    console.completeNamesFrom(session);
    if (!rooms.isEmpty()) {
      // As /join of each in turn would leave it (irssi and WeeChat too): typing in the last named.
      session.rooms().typeInOnEntry(rooms.get(rooms.size() - 1));
    }
    // In place before the first connection: a signal at any moment from here on, even while the
    // server has yet to answer the register, leaves with a close frame.
    Thread leaveOnSignal = new Thread(() -> closeQuietly(session), "leave-on-signal");
    Runtime.getRuntime().addShutdownHook(leaveOnSignal);
    Optional<String> failure = session.start();
    if (session.closing()) {
      return INTERRUPTED; // The signal's hook closes it; the JVM is on its way out.
    }
    if (failure.isPresent()) {
      sessionThread.shutdownNow();
      err.println("error: cannot connect to " + failure.get());
      return removed(leaveOnSignal) ? 1 : INTERRUPTED;
    }
    ConsoleReader consoleReader = new ConsoleReader(console.input(), session, view);
    Thread reader = new Thread(() -> {
      try {
        consoleReader.run();
      } finally {
        session.inputEnded();
      }
    }, "console-reader");
    // A daemon: when the server ends the session for good, the console may still be waited on.
    reader.setDaemon(true);
    if (console.interactive()) {
      session.askServerPasswordAt(console.input());
    }
    reader.start();
    session.awaitInputOver();
    DeliveryReport report = session.awaitDelivery(console.interactive() ? PATIENCE_TYPED : PATIENCE_PIPED);
    session.close();
    if (!removed(leaveOnSignal)) {
      return INTERRUPTED;
    }
    Optional<String> ended = session.endedForGood();
    if (ended.isPresent()) {
      // The prompt is still on screen, the console waited on: the line goes in its place.
      console.clearPromptLine();
      err.println("error: " + ended.get());
      return ENDED;
    }
    Optional<String> unreadable = consoleReader.failure();
    if (unreadable.isPresent()) {
      err.println("error: cannot read the console: " + unreadable.get());
      return 1;
    }
    // A person saw each refusal as it came; the exit status is about how the session ended. A
    // script saw nothing, and learns here whether everything it piped in was said.
    if (console.interactive() ? report.outstanding() > 0 : report.undelivered() > 0) {
      err.println("error: " + (console.interactive() ? report.stillOnItsWay() : report.wentAstray()));
      return NOT_DELIVERED;
    }
    return 0;
  }

  /**
   * Takes the hook that leaves on a signal away; false when a signal began the shutdown
   * meanwhile, and the hook closes the session (which is closed, or closing) as the JVM exits.
   */
  private static boolean removed(Thread hook) {
    try {
      return Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** Ctrl-C: the JVM is exiting anyway; leave with a close frame so others see a clean leave. */
  private static void closeQuietly(ChatSession session) {
    try {
      session.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
