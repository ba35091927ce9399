package dev.termchat.client;

import java.io.PrintWriter;
import java.util.function.IntSupplier;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp.Capability;

/** Where the chat's lines go: above the line being edited, or plainly down a stream. */
interface Output {
  /** Prints one line. Thread-safe: the session thread and the console thread both print. */
  void println(AttributedString line);

  /**
   * Shows a state that changes in place, such as reconnecting, or clears it when empty. Only a
   * terminal shows it, in front of the prompt; a stream gets the lines alone.
   */
  default void status(String text) {}

  /**
   * Shows the rooms' state (the room typed in, and unread lines elsewhere) in front of the
   * prompt, or nothing when empty. Only a terminal shows it.
   */
  default void rooms(String text) {}

  /** Rings the terminal's bell, where there is one. */
  default void bell() {}

  /** Whether a person reads this at a prompt, where commands such as /reconnect can be typed. */
  default boolean atPrompt() {
    return false;
  }

  /**
   * Above the prompt, leaving the half-typed line intact below, wrapped at the terminal's width
   * as it is now; the status in the prompt.
   */
  static Output aboveThePrompt(LineReader reader, Terminal terminal, Prompt prompt, boolean bell) {
    return new Output() {
      @Override
      public void println(AttributedString line) {
        reader.printAbove(Rows.wrap(line, terminal.getWidth()));
      }

      @Override
      public void status(String text) {
        prompt.show(text);
      }

      @Override
      public void rooms(String text) {
        prompt.rooms(text);
      }

      @Override
      public boolean atPrompt() {
        return true;
      }

      @Override
      public void bell() {
        if (bell) {
          terminal.puts(Capability.bell);
          terminal.flush();
        }
      }
    };
  }

  /** Plain lines, for pipes and files; with ANSI styles only when asked. */
  static Output plain(PrintWriter out, boolean ansi) {
    return plain(out, ansi, () -> 0);
  }

  /**
   * Plain lines, wrapped at the width of the terminal they go to, if they go to one (a width
   * above 0): input may be piped while a person reads the output.
   */
  static Output plain(PrintWriter out, boolean ansi, IntSupplier width) {
    return line -> {
      AttributedString rows = Rows.wrap(line, width.getAsInt());
      String text = ansi ? rows.toAnsi() : rows.toString();
      synchronized (out) {
        out.println(text);
        out.flush();
      }
    };
  }
}
