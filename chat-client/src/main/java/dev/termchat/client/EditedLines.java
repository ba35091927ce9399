package dev.termchat.client;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * Lines edited with history, at a terminal. Ctrl-D leaves; Ctrl-C clears a half-typed line, as
 * shells and irssi do, and leaves from an empty one, so pressed twice it always leaves. JLine catches Ctrl-C only while a prompt waits for a
 * line; between two prompts (a line just sent) Ctrl-C would be the default SIGINT, ending the
 * process with 130 instead of a clean leave. From the first prompt on, Ctrl-C between prompts
 * counts as pressed at the next, empty one: it leaves. (The terminal is not held in raw mode
 * between prompts: JLine's reader of a system terminal takes a read of nothing, which raw mode
 * gives after a tenth of a second, for the end of input.)
 */
final class EditedLines implements Input {
  private final LineReader reader;
  private final Prompt prompt;
  private final AtomicBoolean interruptedBetweenPrompts = new AtomicBoolean();
  /** Set once, by the thread that reads lines. */
  private volatile boolean started;

  /** A secret asked for by another thread, to read before the next line; null when none is. */
  private final AtomicReference<SecretAsked> secretAsked = new AtomicReference<>();
  /** The thread that reads lines, once it began. */
  private volatile Thread readerThread;
  /** The half-typed line the prompt held when a secret broke into it, to give back after. */
  private volatile String heldLine;

  private record SecretAsked(String prompt, Consumer<String> answer) {}

  EditedLines(LineReader reader, Prompt prompt) {
    this.reader = reader;
    this.prompt = prompt;
  }

  @Override
  public void askSecret(String secretPrompt, Consumer<String> answer) {
    secretAsked.set(new SecretAsked(secretPrompt, answer));
    Thread thread = readerThread;
    if (thread != null) {
      // JLine ends the prompt waiting on an interrupt, with the line half typed (as for Ctrl-C);
      // between two prompts, the next one asks the secret first.
      thread.interrupt();
    }
  }

  @Override
  public String readLine() {
    if (!started) {
      started = true;
      readerThread = Thread.currentThread();
      reader.getTerminal().handle(Terminal.Signal.INT, signal -> {
        interruptedBetweenPrompts.set(true);
        readerThread.interrupt(); // The prompt just being opened, as JLine's own handler does.
      });
    }
    while (true) {
      if (interruptedBetweenPrompts.getAndSet(false)) {
        Thread.interrupted(); // Taken as the leave it asked for.
        return null;
      }
      SecretAsked asked = secretAsked.getAndSet(null);
      if (asked != null) {
        Thread.interrupted(); // The interrupt that asked it, if it came between two prompts.
        asked.answer().accept(readSecret(asked.prompt()));
        continue;
      }
      try {
        String held = heldLine;
        heldLine = null;
        return reader.readLine(prompt.text(), null, held);
      } catch (EndOfFileException leaving) {
        return null;
      } catch (IllegalStateException terminalClosed) {
        // The client gave the terminal back while this prompt waited (the server ended the
        // session for good): nothing more is read, and no stack trace goes on the screen.
        return null;
      } catch (UserInterruptException interrupted) {
        if (secretAsked.get() != null) {
          heldLine = interrupted.getPartialLine(); // Given back at the prompt after the secret.
          continue;
        }
        interruptedBetweenPrompts.set(false); // It reached the prompt, and is handled here.
        if (interrupted.getPartialLine().isEmpty()) {
          return null;
        }
        // The half-typed line is gone; the prompt comes back empty.
      }
    }
  }

  /** Nothing echoed ({@code NULL_MASK}), and a masked line is kept out of the history. */
  @Override
  public String readSecret(String secretPrompt) {
    try {
      return reader.readLine(secretPrompt, LineReaderImpl.NULL_MASK);
    } catch (EndOfFileException | UserInterruptException gaveUp) {
      return null;
    }
  }
}
