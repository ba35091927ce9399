package dev.termchat.client;

import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;

/**
 * The prompt of an editing terminal, which also shows a state that changes in place, such as a
 * connection being retried: {@code (reconnecting: attempt 3 in 2.0 s) > }. Thread-safe: the
 * console reader reads it, other threads change it and have it redrawn.
 */
final class Prompt {
  private final String base;
  private final LineReader reader;
  private volatile String text;
  /** The state shown, and the rooms': each in front of the prompt, when not empty. */
  private volatile String state = "";
  private volatile String rooms = "";

  Prompt(String base, LineReader reader) {
    this.base = base;
    this.reader = reader;
    this.text = base;
  }

  String text() {
    return text;
  }

  /** Shows the state before the prompt, or nothing more when it is empty; redrawn at once. */
  void show(String state) {
    this.state = state;
    redraw();
  }

  /** Shows the rooms' state after any other, {@code #dev [#ops 3] > }; redrawn at once. */
  void rooms(String rooms) {
    this.rooms = rooms;
    redraw();
  }

  private synchronized void redraw() {
    String shown = state;
    String roomsShown = rooms;
    text = (shown.isEmpty() ? "" : "(" + shown + ") ") + (roomsShown.isEmpty() ? "" : roomsShown + " ") + base;
    if (reader instanceof LineReaderImpl editing && reader.isReading()) {
      editing.setPrompt(text);
      try {
        reader.callWidget(LineReader.REDRAW_LINE);
        reader.callWidget(LineReader.REDISPLAY);
      } catch (IllegalStateException readingEnded) {
        // The line was entered between the check and the call: nothing is on the screen to
        // redraw, and the next read starts with the prompt set above. JLine gives no way to
        // check and call at once, and its message must not reach the person's screen.
      }
    }
  }
}
