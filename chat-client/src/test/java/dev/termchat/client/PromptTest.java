package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** The prompt's state, changed by other threads while the console reader reads, or has just stopped. */
class PromptTest {

  /**
   * A line entered between the prompt's check that the reader reads and its redraw: JLine then
   * refuses the redraw with an IllegalStateException, which once reached a person's screen from
   * the session's thread (TerminalIT, under load). Here the reader says it reads and is not.
   */
  @Test
  void aRedrawAsTheReadEndsIsLeftToTheNextRead() throws IOException {
    try (Terminal terminal = TerminalBuilder.builder()
        .system(false)
        .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())
        .type("xterm")
        .build()) {
      LineReaderImpl justDone = new LineReaderImpl(terminal) {
        @Override
        public boolean isReading() {
          return true;
        }
      };
      Prompt prompt = new Prompt("> ", justDone);

      prompt.rooms("#dev [#ops 3]");
      prompt.show("reconnecting");

      assertEquals("(reconnecting) #dev [#ops 3] > ", prompt.text());
    }
  }
}
