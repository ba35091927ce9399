package dev.termchat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.IntSupplier;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp.Capability;

/**
 * Where the chat runs: a terminal with line editing when stdin and stdout are one, so arriving
 * messages print above the line being typed and never into it; plain lines in and out otherwise,
 * so pipes, scripts and tests work.
 */
final class ClientConsole implements AutoCloseable {
  private static final String PROMPT = "> ";

  private final Terminal terminal;
  private final Input input;
  private final Output output;
  private final Palette palette;
  private final ChatCompleter completer;
  /** The line editor, in a terminal; null otherwise. */
  private final LineReader reader;

  /** Whether a person types the input, though the output may not go to the same terminal. */
  private final boolean typed;

  private ClientConsole(
      Terminal terminal, boolean typed, Input input, Output output, Palette palette, ChatCompleter completer, LineReader reader) {
    this.terminal = terminal;
    this.typed = typed;
    this.input = input;
    this.output = output;
    this.palette = palette;
    this.completer = completer;
    this.reader = reader;
  }

  /**
   * The console for a run.
   *
   * @param in what the user types; only {@code System.in} can be a terminal
   * @param out where plain output goes
   * @param colorWanted false for --no-color or NO_COLOR; color needs a terminal anyway
   */
  static ClientConsole open(InputStream in, PrintWriter out, boolean colorWanted, boolean bell) throws IOException {
    if (in == System.in && System.console() != null) {
      try {
        // At a prompt JLine reads Ctrl-C as a key (raw mode); by default it would also raise INT
        // from that same byte, on another thread, and the interrupt could land on the next
        // prompt too: one Ctrl-C that cleared a half-typed line would then also leave.
        System.setProperty(TerminalBuilder.PROP_SOFTWARE_SIGNALS, "false");
        // dumb(true) lets JLine fall back quietly instead of warning on stderr.
        Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build();
        if (!Terminal.TYPE_DUMB.equals(terminal.getType())
            && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
          ChatCompleter completer = new ChatCompleter(InChatCommands.NAMES);
          LineReader reader =
              LineReaderBuilder.builder()
                  .terminal(terminal)
                  .completer(completer)
                  // Names may hold spaces: a completed "mary jane" goes in as it is, neither
                  // escaped nor quoted, and a backslash typed is a backslash.
                  .parser(new DefaultParser().escapeChars(new char[0]).quoteChars(new char[0]))
                  .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                  // Offered only what fits the word typed, in one list: JLine's guesses at a
                  // mistyped word came under headings of its own ("original", "others").
                  .option(LineReader.Option.COMPLETE_MATCHER_TYPO, false)
                  .option(LineReader.Option.GROUP, false)
                  .option(LineReader.Option.AUTO_GROUP, false)
                  // A sent line comes back from the server, with its time and your name, as
                  // everyone sees it; the typed copy would only repeat it.
                  .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
                  .build();
          Prompt prompt = new Prompt(PROMPT, reader);
          Integer colors = terminal.getNumericCapability(Capability.max_colors);
          return new ClientConsole(
              terminal,
              true,
              new EditedLines(reader, prompt),
              Output.aboveThePrompt(reader, terminal, prompt, bell),
              colorWanted ? Palette.colored(colors == null ? 8 : colors) : Palette.plain(),
              completer,
              reader);
        }
        terminal.close();
      } catch (IOException e) {
        throw new IOException("cannot open the terminal: " + e.getMessage(), e);
      }
    }
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    // Only a process run as a program reads its own standard input; a test's console is a pipe.
    SystemStreams streams = in == System.in ? SystemStreams.ofThisProcess() : null;
    boolean typed = streams != null && streams.inputIsTerminal();
    IntSupplier width = streams == null ? () -> 0 : streams.outputWidth();
    return new ClientConsole(null, typed, Input.plain(lines), Output.plain(out, false, width), Palette.plain(), null, null);
  }

  /** Whether a person is at a terminal, rather than a pipe or a file. */
  boolean interactive() {
    return terminal != null;
  }

  /** Whether a person types the input, even with the output going elsewhere. */
  boolean typed() {
    return typed;
  }

  Input input() {
    return input;
  }

  /**
   * Tab completes the names of those online in this session, and its rooms, in a terminal; the
   * room keys switch its rooms.
   */
  void completeNamesFrom(ChatSession session) {
    if (completer != null) {
      completer.namesFrom(() -> session.users().orElse(List.of()));
      completer.roomsFrom(() -> session.rooms().roomNames(), () -> session.rooms().knownRoomNames());
    }
    if (reader != null) {
      RoomKeys.bind(reader, session.rooms());
      RecallKeys.bind(reader, session.recall());
    }
  }

  /** The view of a session on this console. */
  ChatView view(Clock clock) {
    return new ConsoleView(new ChatLines(palette, clock), output);
  }

  /**
   * Takes the prompt off the terminal's last line, for a last word said after it where it stood
   * rather than after it on the same line; nothing without a terminal, which shows no prompt.
   */
  void clearPromptLine() {
    if (terminal != null) {
      terminal.puts(Capability.carriage_return);
      terminal.puts(Capability.clr_eol);
      terminal.flush();
    }
  }

  /** Gives the terminal back as it was. */
  @Override
  public void close() throws IOException {
    if (terminal != null) {
      terminal.close();
    }
  }
}
