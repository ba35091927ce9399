package dev.termchat.client;

import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Wire;
import java.io.IOError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The console reader thread: each line typed is a message for everyone, or a command. Ends at
 * end of input (Ctrl-D, or the end of a pipe), Ctrl-C at the prompt, or {@code /quit}.
 */
final class ConsoleReader implements Runnable {
  static final String HELP =
      "commands:" + InChatCommands.lines("  ", 0).stream().map(line -> System.lineSeparator() + line).collect(Collectors.joining());

  private final Input in;
  private final ChatSession session;
  private final ChatView view;
  private final AccountCommands accounts;

  ConsoleReader(Input in, ChatSession session, ChatView view) {
    this.in = in;
    this.session = session;
    this.view = view;
    this.accounts = new AccountCommands(in, session, view);
  }

  /** Why reading the console failed, if it did; set by the console reader thread. */
  private volatile String failure;

  @Override
  public void run() {
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!handle(line)) {
          return;
        }
      }
    } catch (IOException | UncheckedIOException | IOError e) {
      // JLine reports a terminal that went away as an IOError.
      failure = String.valueOf(e.getMessage());
    }
  }

  /** Why the console could not be read, or empty when input simply ended. */
  Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** Returns false when the user asked to quit, or the reader was interrupted. */
  boolean handle(String line) {
    try {
      return handleOrWait(line);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Returns false when the user asked to quit; may wait for room among the lines to send. */
  private boolean handleOrWait(String line) throws InterruptedException {
    try {
      return dispatch(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean dispatch(String line) throws InterruptedException, IOException {
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      return paste(line);
    }
    if (line.isEmpty()) {
      return true;
    }
    if (line.isBlank()) {
      view.info("not sent: the line has nothing but spaces");
      return true;
    }
    if (line.startsWith("//")) {
      return say(line.substring(1));
    }
    if (!line.startsWith("/")) {
      return say(line);
    }
    String[] words = line.strip().split("\\s+", 2);
    String command = words[0].toLowerCase(Locale.ROOT);
    String rest = words.length > 1 ? words[1] : "";
    switch (command) {
      case "/me" -> {
        if (rest.isEmpty()) {
          view.info("usage: /me TEXT, e.g. /me waves");
          return true;
        }
        session.act(rest);
      }
      case "/msg" -> {
        Addressee to = Addressee.of(rest, session.users().orElse(List.of()));
        if (to.ambiguous()) {
          view.info(to.whichOne());
          return true;
        }
        if (to.name().isEmpty() || to.text().isBlank()) {
          view.info("usage: /msg NAME TEXT");
          return true;
        }
        session.whisper(to.name(), to.text());
      }
      case "/nick" -> {
        if (rest.isEmpty()) {
          view.info("usage: /nick NAME");
          return true;
        }
        session.nick(rest);
      }
      case "/quit", "/exit" -> {
        return false;
      }
      case "/users", "/who" -> {
        session.rooms().showOnline();
      }
      case "/join" -> {
        if (rest.isEmpty()) {
          view.info("usage: /join #ROOM, e.g. /join #dev");
          return true;
        }
        List<String> rooms = new ArrayList<>();
        for (String room : rest.split("[\\s,]+")) {
          roomNamed(room).ifPresent(rooms::add);
        }
        if (!rooms.isEmpty()) {
          session.rooms().join(rooms);
        }
      }
      case "/part", "/leave" -> {
        if (rest.isEmpty()) {
          session.rooms().part(Optional.empty());
        } else {
          for (String room : rest.split("[\\s,]+")) {
            Optional<String> named = roomNamed(room);
            if (named.isPresent()) {
              session.rooms().part(named);
            }
          }
        }
      }
      case "/switch", "/window" -> {
        Optional<String> named = rest.isEmpty() ? Optional.empty() : roomNamed(rest);
        if (rest.isEmpty()) {
          view.info("usage: /switch #ROOM (or Ctrl-N, Ctrl-P, Alt-1..9)");
        } else if (named.isPresent()) {
          session.rooms().switchTo(named.get());
        }
      }
      case "/list" -> session.rooms().list();
      case "/topic" -> session.rooms().topic(rest);
      case "/names" -> session.rooms().showMembers();
      case "/history" -> {
        OptionalInt count = historyCount(rest);
        if (count.isEmpty()) {
          view.info("usage: /history [N], N from 1 to " + Wire.MAX_SCROLLBACK + " (" + SessionRecall.DEFAULT_COUNT + " unless given); so does PageUp");
          return true;
        }
        session.recall().history(count.getAsInt());
      }
      case "/search" -> {
        if (rest.isBlank()) {
          view.info("usage: /search WORDS, e.g. /search deploy friday");
        } else if (rest.length() > Wire.MAX_SEARCH_CHARS) {
          view.info("not searched: at most " + Wire.MAX_SEARCH_CHARS + " characters");
        } else {
          session.recall().search(rest);
        }
      }
      case "/op", "/deop", "/voice", "/devoice", "/kick", "/ban", "/unban", "/serverban", "/serverunban", "/mute", "/unmute", "/delete",
          "/banlist", "/serverbanlist", "/whois" -> {
        Optional<Function<String, Moderate>> request = ModerationCommands.parse(command, rest, view::info);
        if (request.isPresent()) {
          session.rooms().moderate(request.get());
        }
      }
      case "/register" -> accounts.register();
      case "/login" -> accounts.login(rest);
      case "/password" -> accounts.changePassword();
      case "/help" -> view.info(HELP);
      case "/reconnect" -> session.reconnectNow();
      default -> view.info("unknown command " + command + "; /help lists the commands");
    }
    return true;
  }

  /** The count {@code /history} was given: the default for none, empty for one it cannot take. */
  private static OptionalInt historyCount(String typed) {
    if (typed.isEmpty()) {
      return OptionalInt.of(SessionRecall.DEFAULT_COUNT);
    }
    if (!typed.matches("[0-9]{1,4}")) {
      return OptionalInt.empty();
    }
    int count = Integer.parseInt(typed);
    return count >= 1 && count <= Wire.MAX_SCROLLBACK ? OptionalInt.of(count) : OptionalInt.empty();
  }

  /**
   * The room a person named, {@code #} added when left out ({@code /join dev}); empty, and the
   * person told why, when it can be no room's name.
   */
  private Optional<String> roomNamed(String typed) {
    String room = RoomNames.normalize(typed.startsWith(RoomNames.PREFIX) ? typed : RoomNames.PREFIX + typed.strip());
    Optional<String> problem = room == null ? Optional.of("a room name is # and a name") : RoomNames.problem(room);
    if (problem.isPresent()) {
      view.info("not a room: " + Printable.escape(problem.get()));
      return Optional.empty();
    }
    return Optional.of(room);
  }

  /**
   * A paste of several lines, which a terminal hands over as one: each line that has text is a
   * message of its own, sent as it is, even one that starts with a slash; they go out in order
   * at the server's pace.
   */
  private boolean paste(String text) throws InterruptedException {
    for (String line : text.split("\\R")) {
      if (!line.isBlank() && !say(line)) {
        return false;
      }
    }
    return true;
  }

  private boolean say(String text) throws InterruptedException {
    session.say(text);
    return true;
  }
}
