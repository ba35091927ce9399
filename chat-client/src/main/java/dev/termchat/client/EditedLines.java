package dev.termchat.client;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * Lines edited with history, at a terminal. JLine catches Ctrl-C only while a prompt waits for a line; between two prompts (a line just
 * sent) the terminal would be back in cooked mode, so a key typed there would echo twice and
 * Ctrl-C would be the default SIGINT, ending the process with 130 instead of a clean leave.
 * From the first prompt on, the terminal stays raw and Ctrl-C between prompts counts as
 * pressed at the next, empty one: it leaves.
 */
final class EditedLines implements Input {
  private final LineReader reader;
  private final Prompt prompt;
  private final AtomicBoolean interruptedBetweenPrompts = new AtomicBoolean();
  /** Set once, by the thread that reads lines. */
  private volatile boolean started;

  EditedLines(LineReader reader, Prompt prompt) {
    this.reader = reader;
    this.prompt = prompt;
  }

  @Override
  public String readLine() {
    if (!started) {
      started = true;
      Thread readerThread = Thread.currentThread();
      Terminal terminal = reader.getTerminal();
      terminal.enterRawMode(); // Closing the terminal restores what it was.
      terminal.handle(Terminal.Signal.INT, signal -> {
        interruptedBetweenPrompts.set(true);
        readerThread.interrupt(); // The prompt just being opened, as JLine's own handler does.
      });
    }
    while (true) {
      if (interruptedBetweenPrompts.getAndSet(false)) {
        Thread.interrupted(); // Taken as the leave it asked for.
        return null;
      }
      try {
        return reader.readLine(prompt.text());
      } catch (EndOfFileException leaving) {
        return null;
      } catch (UserInterruptException interrupted) {
        interruptedBetweenPrompts.set(false); // It reached the prompt, and is handled here.
        if (interrupted.getPartialLine().isEmpty()) {
          return null;
        }
        // The half-typed line is gone; the prompt comes back empty.
      }
    }
  }
}
