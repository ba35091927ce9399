package dev.termchat.client;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/**
 * Lines edited with history, at a terminal. Ctrl-D leaves; Ctrl-C clears a half-typed line, as
 * shells and irssi do, and leaves from an empty one, so pressed twice it always leaves. JLine catches Ctrl-C only while a prompt waits for a
 * line; between two prompts (a line just sent) Ctrl-C would be the default SIGINT, ending the
 * process with 130 instead of a clean leave. From the first prompt on, Ctrl-C between prompts
 * counts as pressed at the next, empty one: it leaves. (The terminal is not held in raw mode
 * between prompts: JLine's reader of a system terminal takes a read of nothing, which raw mode
 * gives after a tenth of a second, for the end of input.) Ctrl-D between prompts met the
 * terminal's own end-of-file key, which raw mode then hands the next prompt as a NUL, ignored:
 * the client stayed. That key is turned off between prompts, so Ctrl-D comes to the next prompt
 * as itself, and on at a prompt, where JLine takes it for leaving.
 */
final class EditedLines implements Input {
  private final LineReader reader;
  private final Prompt prompt;
  private final AtomicBoolean interruptedBetweenPrompts = new AtomicBoolean();
  /** Set once, by the thread that reads lines. */
  private volatile boolean started;

  /** The value that turns a terminal's special key off: _POSIX_VDISABLE, 0 on Linux. */
  private static final int NO_KEY = System.getProperty("os.name", "").startsWith("Mac") ? 0xff : 0;

  /** The terminal's own end-of-file key, Ctrl-D unless its user chose another. */
  private final int endOfFileKey;

  EditedLines(LineReader reader, Prompt prompt) {
    this.reader = reader;
    this.prompt = prompt;
    this.endOfFileKey = reader.getTerminal().getAttributes().getControlChar(Attributes.ControlChar.VEOF);
    endOfFileKey(NO_KEY); // Until the first prompt too: keys may come while connecting.
  }

  /** Sets the terminal's end-of-file key; closing the terminal gives back the one it had. */
  private void endOfFileKey(int key) {
    Terminal terminal = reader.getTerminal();
    Attributes attributes = terminal.getAttributes();
    attributes.setControlChar(Attributes.ControlChar.VEOF, key);
    terminal.setAttributes(attributes);
  }

  @Override
  public String readLine() {
    if (!started) {
      started = true;
      Thread readerThread = Thread.currentThread();
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
      try {
        endOfFileKey(endOfFileKey);
        return reader.readLine(prompt.text());
      } catch (EndOfFileException leaving) {
        return null;
      } catch (UserInterruptException interrupted) {
        interruptedBetweenPrompts.set(false); // It reached the prompt, and is handled here.
        if (interrupted.getPartialLine().isEmpty()) {
          return null;
        }
        // The half-typed line is gone; the prompt comes back empty.
      } finally {
        endOfFileKey(NO_KEY);
      }
    }
  }
}
