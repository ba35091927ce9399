package dev.termchat.client;

import java.io.PrintWriter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;

/** Where the chat's lines go: above the line being edited, or plainly down a stream. */
interface Output {
  /** Prints one line. Thread-safe: the listener and the console thread both print. */
  void println(AttributedString line);

  /** Above the prompt, leaving the half-typed line intact below. */
  static Output aboveThePrompt(LineReader reader) {
    return reader::printAbove;
  }

  /** Plain lines, for pipes and files; with ANSI styles only when asked. */
  static Output plain(PrintWriter out, boolean ansi) {
    return line -> {
      String text = ansi ? line.toAnsi() : line.toString();
      synchronized (out) {
        out.println(text);
        out.flush();
      }
    };
  }
}
