package dev.termchat.client;

import java.io.BufferedReader;
import java.io.IOException;

/** Where typed lines come from: an editing terminal ({@code EditedLines}), or plain lines from a pipe. */
interface Input {
  /** The next line, or {@code null} when the user is done: end of input, Ctrl-D or Ctrl-C. */
  String readLine() throws IOException;

  /**
   * A secret typed at a terminal, not shown and not kept in the line history; {@code null} where
   * none can be typed unseen (input piped) or the person gave up (Ctrl-C, Ctrl-D).
   */
  default String readSecret(String prompt) throws IOException {
    return null;
  }

  /**
   * Asks for a secret on the thread that reads lines, hidden as {@link #readSecret} reads it,
   * breaking into the prompt that waits; the answer ({@code null} if given up) goes to {@code
   * answer}, on that thread. Where none can be typed unseen, the answer is {@code null} at once.
   */
  default void askSecret(String prompt, java.util.function.Consumer<String> answer) {
    answer.accept(null);
  }

  static Input plain(BufferedReader reader) {
    return reader::readLine;
  }
}
