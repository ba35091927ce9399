package dev.termchat.client;

import java.io.BufferedReader;
import java.io.IOException;
import org.jline.reader.LineReader;

/** Where typed lines come from: an editing terminal, or plain lines from a pipe. */
interface Input {
  /** The next line, or {@code null} when the user is done: end of input, Ctrl-D or Ctrl-C. */
  String readLine() throws IOException;

  /**
   * Lines edited with history. Ctrl-D leaves; Ctrl-C clears a half-typed line, as shells and
   * irssi do, and leaves from an empty one, so pressed twice it always leaves.
   */
  static Input editing(LineReader reader, Prompt prompt) {
    return new EditedLines(reader, prompt);
  }

  static Input plain(BufferedReader reader) {
    return reader::readLine;
  }
}
