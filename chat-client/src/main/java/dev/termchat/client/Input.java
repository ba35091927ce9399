package dev.termchat.client;

import java.io.BufferedReader;
import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/** Where typed lines come from: an editing terminal, or plain lines from a pipe. */
interface Input {
  /** The next line, or {@code null} when the user is done: end of input, Ctrl-D or Ctrl-C. */
  String readLine() throws IOException;

  /** Lines edited with history; Ctrl-D and Ctrl-C at the prompt leave. */
  static Input editing(LineReader reader, String prompt) {
    return () -> {
      try {
        return reader.readLine(prompt);
      } catch (EndOfFileException | UserInterruptException leaving) {
        return null;
      }
    };
  }

  static Input plain(BufferedReader reader) {
    return reader::readLine;
  }
}
