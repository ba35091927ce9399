package dev.termchat.client;

import java.io.IOException;
import java.util.function.IntSupplier;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * The width of the terminal standard output goes to when standard input does not come from it
 * ({@code tail -f notes | chat-client}): the output is then plain lines, which a person may
 * still read at a terminal, where a long line must be wrapped here and not by the terminal (see
 * {@link Rows}). Asked of JLine's native provider, which answers with one system call, so it is
 * asked anew for each line and follows a resized window.
 */
final class StandardOutputWidth {
  private static final IntSupplier NONE = () -> 0;

  private StandardOutputWidth() {}

  /** The width now, each time it is asked; 0 when standard output is no terminal, or unknown. */
  static IntSupplier ofThisProcess() {
    TerminalProvider provider;
    try {
      provider = TerminalProvider.load("jni");
    } catch (IOException | LinkageError e) {
      return NONE; // No native provider for this platform: lines are left to the terminal.
    }
    if (!provider.isSystemStream(SystemStream.Output)) {
      return NONE;
    }
    return () -> Math.max(0, provider.systemStreamWidth(SystemStream.Output));
  }
}
