package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lines read at a terminal, on a terminal of JLine's own over pipes, where the test raises the
 * signal that Ctrl-C raises at a real one, at a moment it chooses.
 */
class EditedLinesTest {
  private PipedOutputStream keys;
  private Terminal terminal;
  private Input input;

  @BeforeEach
  void open() throws IOException {
    keys = new PipedOutputStream();
    PipedInputStream typed = new PipedInputStream(keys, 4096);
    terminal =
        TerminalBuilder.builder()
            .system(false)
            .streams(typed, new ByteArrayOutputStream())
            .type("xterm")
            .size(new org.jline.terminal.Size(80, 24))
            .build();
    LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
    input = new EditedLines(reader, new Prompt("> ", reader));
  }

  @AfterEach
  void close() throws IOException {
    Thread.interrupted();
    terminal.close();
  }

  private void type(String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  @Test
  void ctrlCBetweenTwoPromptsLeavesAsOnAnEmptyPrompt() throws IOException {
    type("hello\r");
    assertEquals("hello", input.readLine());
    // The line was just sent and the next prompt is not open yet: the moment a busy machine
    // once turned into the default SIGINT.
    terminal.raise(Terminal.Signal.INT);
    type("never sent\r");
    assertNull(input.readLine());
    assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was taken as the leave");
  }

  @Test
  void linesTypedAheadGoToTheNextPrompts() throws IOException {
    type("first\r");
    assertEquals("first", input.readLine());
    type("second\r");
    assertEquals("second", input.readLine());
  }
}
