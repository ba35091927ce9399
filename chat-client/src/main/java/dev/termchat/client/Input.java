package dev.termchat.client;

import java.io.BufferedReader;
import java.io.IOException;

/** Where typed lines come from: an editing terminal ({@code EditedLines}), or plain lines from a pipe. */
interface Input {
  /** The next line, or {@code null} when the user is done: end of input, Ctrl-D or Ctrl-C. */
  String readLine() throws IOException;

  static Input plain(BufferedReader reader) {
    return reader::readLine;
  }
}
