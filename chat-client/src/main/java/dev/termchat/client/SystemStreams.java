package dev.termchat.client;

import java.io.IOException;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Whether this process's standard input and output are terminals, each on its own: Java tells
 * only whether both are. Asked of JLine's native provider, which answers with one system call;
 * where it cannot load, neither counts as a terminal unless both are.
 */
final class SystemStreams {
  private final Optional<TerminalProvider> provider;

  private SystemStreams(Optional<TerminalProvider> provider) {
    this.provider = provider;
  }

  static SystemStreams ofThisProcess() {
    try {
      return new SystemStreams(Optional.of(TerminalProvider.load("jni")));
    } catch (IOException | LinkageError e) {
      return new SystemStreams(Optional.empty()); // No native provider for this platform.
    }
  }

  /** Whether a person types the input, rather than a pipe or a file giving it. */
  boolean inputIsTerminal() {
    return provider.map(streams -> streams.isSystemStream(SystemStream.Input)).orElse(System.console() != null);
  }

  /**
   * The width of the terminal standard output goes to, asked anew each time so that it follows a
   * resized window; 0 when it goes to no terminal. Output to a terminal while input is piped
   * ({@code tail -f notes | chat-client}) is plain lines, which a person still reads there, and a
   * long line must be wrapped by the client and not by the terminal (see {@link Rows}).
   */
  IntSupplier outputWidth() {
    if (provider.isEmpty() || !provider.get().isSystemStream(SystemStream.Output)) {
      return () -> 0;
    }
    TerminalProvider streams = provider.get();
    return () -> Math.max(0, streams.systemStreamWidth(SystemStream.Output));
  }
}
