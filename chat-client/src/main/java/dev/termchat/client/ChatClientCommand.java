package dev.termchat.client;

import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.ProductVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The client's command line. */
@Command(
    name = "chat-client",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    subcommands = {AutoComplete.GenerateCompletion.class},
    headerHeading = "NAME%n",
    header = "  chat-client - chat in the terminal with everyone on a chat server",
    synopsisHeading = "%nSYNOPSIS%n  ",
    descriptionHeading = "%nDESCRIPTION%n",
    description = {
      "  Each line you type goes to everyone in the room you type in: #general,",
      "  unless you join others (--join, /join). Messages from others appear",
      "  above the line you are typing, never in it, each with its time, sender",
      "  and the sender's address; those of your other rooms are tagged with the",
      "  room. Joins, leaves and the state of the connection show as notices. If",
      "  the connection drops, the client reconnects, registers again under the",
      "  same name and is back in its rooms; given several servers, the nodes of",
      "  a cluster, it moves on to the next when one fails.",
      "",
      "  In a terminal, lines are edited as in a shell, the up arrow recalls",
      "  earlier lines, and each sender's name has a color of its own. With input",
      "  or output redirected, it reads and writes plain lines, for scripts."
    },
    parameterListHeading = "%nARGUMENTS%n",
    optionListHeading = "%nOPTIONS%n",
    commandListHeading = "%nSUBCOMMANDS%n",
    exitCodeListHeading = "%nEXIT STATUS%n",
    exitCodeList = {
      "0:Left with /quit, Ctrl-D, Ctrl-C at the prompt, or the end of piped input.",
      "1:Could not connect to the server (to any of them) at start, or could not read the console.",
      "2:Invalid command line, or a file it names (--password-file, --account-password-file, --trust) that will not do.",
      "3:Some lines were not delivered. With input piped: any line, whether refused by the server, too long, lost with a connection, or typed in no room. In a terminal, where each refusal shows as it comes: lines still to send, or not yet confirmed, when you left.",
      "4:The server ended the session for good: it banned you (close code 4002), signed you out as the account's password was changed on another connection (4003), or refused the login with the account's password given (--account-password-file, TERMCHAT_PASSWORD); no line went out under another name. With input piped: the server came back wanting a server password, or another one.",
      "130:Interrupted by a signal when not in a terminal (it still closes cleanly)."
    },
    footerHeading = "%n",
    footer = {
      // IN-CHAT COMMANDS come first, from InChatCommands; see commandLine().
      "ENVIRONMENT",
      "  CHAT_PASSWORD   the server's password, instead of a --password option",
      "  TERMCHAT_PASSWORD  the password of USERNAME's account, instead of --account-password-file",
      "  NO_COLOR        when set to any value but the empty one, print without colors",
      "",
      "EXAMPLES",
      "  Chat as alice on this machine:",
      "    chat-client alice",
      "  As a made-up guest, elsewhere:",
      "    chat-client --server ws://chat.example.org:8080",
      "  On a cluster of two nodes, either of which will do:",
      "    chat-client alice --server chat1.example.org:8080,chat2.example.org:8080",
      "  Over TLS, trusting a self-signed certificate:",
      "    chat-client alice --server wss://127.0.0.1:8080 --trust server.pem",
      "  One message from a script:",
      "    printf 'build done\\n' | chat-client ci-bot",
      "  Tab completion in bash or zsh:",
      "    source <(chat-client generate-completion)"
    })
public final class ChatClientCommand implements Callable<Integer> {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** The width --help is laid out for: a terminal's smallest. */
  private static final int HELP_WIDTH = 80;

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "USERNAME",
      description = "The name to chat under; without one, a guest name is made up.")
  private String username;

  @Option(
      names = "--server",
      paramLabel = "URL",
      split = ",",
      converter = ServerUriConverter.class,
      defaultValue = ServerUriConverter.EXAMPLE,
      // The default on a line of its own: picocli breaks lines after a dot, inside a URL.
      description = {
        "The server: ws://HOST:PORT, wss://HOST:PORT, or HOST:PORT for ws://. Several (the nodes of a"
            + " cluster), repeated or separated by commas, are tried in turn until one connects, and again"
            + " whenever one fails.",
        "Default: ${DEFAULT-VALUE}"
      })
  private List<URI> servers;

  @Option(
      names = "--history",
      paramLabel = "N",
      description = "How many of the latest messages to be shown on joining, if the server keeps any. Default: as many as it gives (50) when you type the input, none when it is piped.")
  private Integer history;

  /** What {@code --password} without a value stands for: ask for it at the terminal. */
  private static final String ASK = "\u0000ask";

  // Not picocli's interactive option: that one reads the password from piped input, taking the
  // first line meant for the chat.
  @Option(
      names = "--join",
      paramLabel = "ROOMS",
      description = "The rooms to be in, apart by commas or spaces, e.g. '#general,#dev' (# may be left out); lines go to the last, as after /join of each in turn. "
          + "Default: #general. On a server without rooms, its one room.")
  private String join;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      arity = "0..1",
      fallbackValue = ASK,
      defaultValue = "${env:CHAT_PASSWORD}",
      description = "The server's password, if it has one; also read from CHAT_PASSWORD. Without a value, it is asked for at the terminal, unseen.")
  private String password;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "Read the server's password from the first line of this file.")
  private Path passwordFile;

  @Option(
      names = "--account-password-file",
      paramLabel = "FILE",
      description = "Log in to the account of USERNAME, when the server says it is registered, with the password on the first line of this file; "
          + "also read from TERMCHAT_PASSWORD. At a terminal, /login asks for it instead.")
  private Path accountPasswordFile;

  @Option(
      names = "--no-color",
      description = "Print without colors; so does setting NO_COLOR, or output that is not a terminal.")
  private boolean noColor;

  @Option(
      names = "--no-bell",
      description = "Do not ring the terminal's bell when a message mentions your name.")
  private boolean noBell;

  @Option(
      names = "--trust",
      paramLabel = "FILE",
      description = "For wss://: trust the certificates in this PEM file (the server's own, or its CA) instead of the system's.")
  private Path trust;

  private final InputStream console;

  ChatClientCommand(InputStream console) {
    this.console = console;
  }

  /** The rooms of --join, each acceptable, or a usage error naming the one that is not. */
  private List<String> rooms() {
    if (join == null) {
      return List.of(RoomNames.DEFAULT_ROOM);
    }
    List<String> rooms = new ArrayList<>();
    // No room's name holds a space or a comma: either parts them, as in /join.
    for (String typed : join.split("[\\s,]+")) {
      if (typed.isBlank()) {
        continue;
      }
      String room = RoomNames.normalize(typed.strip().startsWith(RoomNames.PREFIX) ? typed : RoomNames.PREFIX + typed.strip());
      Optional<String> problem = RoomNames.problem(room);
      if (problem.isPresent()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--join: " + Printable.escape(problem.get()) + ": " + Printable.escape(typed.strip()));
      }
      rooms.add(room);
    }
    return rooms;
  }

  static CommandLine commandLine(InputStream console) {
    CommandLine commandLine = new CommandLine(new ChatClientCommand(console));
    commandLine.getCommandSpec().version("chat-client " + ProductVersion.current());
    UsageMessageSpec usage = commandLine.getCommandSpec().usageMessage();
    List<String> footer = new ArrayList<>(List.of("IN-CHAT COMMANDS"));
    footer.addAll(InChatCommands.lines("  ", HELP_WIDTH));
    footer.add("");
    footer.addAll(List.of(usage.footer()));
    usage.footer(footer.toArray(String[]::new));
    return CliErrors.installedOn(commandLine);
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String name = chosenName();
    List<String> rooms = rooms();
    if (history != null && history < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--history: N is a number of messages, 0 or more");
    }
    if (servers.isEmpty()) {
      // "--server ," names no server at all.
      throw new CommandLine.ParameterException(spec.commandLine(), "--server: no server named");
    }
    ConnectionSettings settings;
    try {
      Optional<String> secret = password();
      secret.flatMap(any -> servers.stream().filter(server -> !securelySent(server)).findFirst()).ifPresent(server -> err.println(
          "warning: the password goes unencrypted over ws:// to " + server.getHost() + "; use wss:// if you can"));
      settings = new ConnectionSettings(servers, CONNECT_TIMEOUT, secret, trustedTls(), OptionalInt.empty()).withAccountPassword(accountPassword());
    } catch (IOException e) {
      // A file named on the command line that will not do is a mistake on the command line.
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    ClientConsole opened;
    try {
      opened = ClientConsole.open(this.console, out, colorWanted(), !noBell);
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    // A script that pipes lines in needs no history on every run; a person may want it.
    OptionalInt shown = history != null ? OptionalInt.of(history) : opened.typed() ? OptionalInt.empty() : OptionalInt.of(0);
    try {
      return ChatRun.chat(opened, settings.withHistory(shown), name, rooms, err);
    } finally {
      restore(opened, err);
    }
  }

  /** Gives the terminal back; a failure there is worth a word but does not undo the session. */
  private static void restore(ClientConsole console, PrintWriter err) {
    try {
      console.close();
    } catch (IOException e) {
      err.println("warning: could not restore the terminal: " + e.getMessage());
    }
  }

  /** Color unless --no-color or NO_COLOR (any value but empty, as no-color.org asks). */
  private boolean colorWanted() {
    String noColorVariable = System.getenv("NO_COLOR");
    return !noColor && (noColorVariable == null || noColorVariable.isEmpty());
  }

  /** The name given, checked as the server would; a made-up guest name without one. */
  private String chosenName() {
    String normalized = NameRules.normalize(username);
    if (normalized == null) {
      return GuestName.random(RandomGenerator.getDefault());
    }
    NameRules.problem(normalized)
        .ifPresent(
            problem -> {
              throw new CommandLine.ParameterException(spec.commandLine(), "USERNAME: " + problem);
            });
    return normalized;
  }

  /** The password, from the file, the option (typed at the prompt) or the environment. */
  private Optional<String> password() throws IOException {
    if (passwordFile != null && spec.commandLine().getParseResult().hasMatchedOption("--password")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "use --password or --password-file, not both");
    }
    if (passwordFile != null) {
      return Optional.of(SecretFile.firstLine(passwordFile, "password"));
    }
    if (ASK.equals(password)) {
      java.io.Console console = System.console();
      if (console == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--password without a value asks at a terminal, and there is none; give the password, --password-file or CHAT_PASSWORD");
      }
      char[] typed = console.readPassword("password for %s: ", servers.get(0));
      return typed == null ? Optional.empty() : Optional.of(new String(typed)).filter(secret -> !secret.isEmpty());
    }
    return Optional.ofNullable(password).filter(secret -> !secret.isEmpty());
  }

  /**
   * The account's password, for scripts: from the file, or TERMCHAT_PASSWORD; never a value on
   * the command line, which anyone on the machine may read in ps.
   */
  private Optional<String> accountPassword() throws IOException {
    if (accountPasswordFile != null) {
      return Optional.of(SecretFile.firstLine(accountPasswordFile, "account password"));
    }
    return Optional.ofNullable(System.getenv("TERMCHAT_PASSWORD")).filter(secret -> !secret.isEmpty());
  }

  /** Whether a password would travel encrypted, or stay on this machine. */
  private static boolean securelySent(URI server) {
    if ("wss".equals(server.getScheme())) {
      return true;
    }
    try {
      return InetAddress.getByName(server.getHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private Optional<SSLContext> trustedTls() throws IOException {
    Optional<URI> plain = servers.stream().filter(server -> !"wss".equals(server.getScheme())).findFirst();
    if (trust != null && plain.isPresent()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--trust is for wss:// servers; " + plain.get() + " is plain ws://");
    }
    return trust == null ? Optional.empty() : Optional.of(TrustedCertificates.from(trust));
  }
}
