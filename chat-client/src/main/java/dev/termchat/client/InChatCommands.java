package dev.termchat.client;

import java.util.ArrayList;
import java.util.List;

/** The commands typed in the chat, as /help and --help list them: each meaning in one column. */
final class InChatCommands {
  private record Command(String usage, String meaning) {}

  private static final List<Command> ALL =
      List.of(
          new Command("/users", "who is online, in the rooms you are in"),
          new Command("/join #ROOM...", "join rooms (each made if no one is in it), and type in the last"),
          new Command("/part [#ROOM...]", "leave rooms, the one you type in unless named"),
          new Command("/switch #ROOM", "type in another of your rooms; so do Ctrl-N, Ctrl-P and Alt-1..9"),
          new Command("/list", "the rooms, the most people first, with their topics"),
          new Command("/topic [TEXT]", "the topic of the room you type in; with TEXT, set it"),
          new Command("/names", "who is in the room you type in; @ owner and operators, + voiced"),
          new Command("/history [N]", "the N messages (50 unless given, at most 1000) before the oldest shown in the room you type in; so does PageUp"),
          new Command("/search WORDS", "the messages of the room you type in that hold all the words, best first, the words marked"),
          new Command("/op, /deop NAME", "make someone an operator of the room you type in, or no longer (operators only)"),
          new Command("/kick NAME [WHY]", "take someone out of the room you type in (operators only)"),
          new Command("/ban WHO [T] [WHY]", "keep a name, address or range (203.0.113.0/24) out of the room, for a time T (90s, 30m, 2h, 7d) or for good; /unban WHO; /serverban, /serverunban: the same for the whole server (server operators)"),
          new Command("/whois NAME, /banlist", "registered or guest, role in the room, online since; the room's bans (operators; /serverbanlist: the server's)"),
          new Command("/delete [ID|@NAME]", "delete your latest line in the room you type in, or as an operator any by its id, or NAME's latest"),
          new Command("/mute, /unmute", "only operators and voiced members speak in the room, or all again; /voice NAME, /devoice NAME"),
          new Command("/me TEXT", "an action: /me waves shows as * alice (ADDRESS) waves"),
          new Command("/msg NAME TEXT", "a private message, which NAME alone sees; \"NAME\" in quotes when two names could be meant"),
          new Command("/nick NAME", "take a new name"),
          new Command("/register", "make the name you have an account: asks for a password, twice, unseen; no one else can take the name then"),
          new Command("/login [NAME]", "log in to your account (the name you started with unless given): asks for its password, unseen"),
          new Command("/password", "change your account's password; your other sessions must log in again"),
          new Command("/reconnect", "try to reconnect now, when disconnected"),
          new Command("/help", "the in-chat commands"),
          new Command("/quit", "leave (so do Ctrl-D, and Ctrl-C on an empty line)"),
          new Command("//text", "send text that starts with a slash"),
          new Command("Tab", "complete a command, a name (\"alice: \" at the start of a line), or a room: one you know of after /join, one of yours after /part, /switch or #"));

  /** The commands, for completion. */
  static final List<String> NAMES =
      List.of("/users", "/join", "/part", "/switch", "/list", "/topic", "/names", "/history", "/search", "/op", "/deop", "/voice", "/devoice", "/kick", "/ban", "/unban", "/serverban", "/serverunban", "/banlist", "/serverbanlist", "/whois", "/mute", "/unmute", "/delete", "/me", "/msg", "/nick", "/register", "/login", "/password", "/reconnect", "/help", "/quit");

  private static final int GAP = 2;

  private InChatCommands() {}

  /**
   * One line a command, after {@code indent}: its usage, then its meaning where the widest usage
   * leaves room for all of them. A meaning that would pass {@code width} columns goes on below,
   * in the same column; a width of 0 never breaks one.
   */
  static List<String> lines(String indent, int width) {
    int column = ALL.stream().mapToInt(command -> command.usage().length()).max().orElse(0) + GAP;
    String under = " ".repeat(indent.length() + column);
    List<String> lines = new ArrayList<>();
    for (Command command : ALL) {
      StringBuilder line = new StringBuilder(indent).append(command.usage());
      line.append(" ".repeat(column - command.usage().length()));
      for (String word : command.meaning().split(" ")) {
        boolean first = line.length() == under.length();
        if (!first && width > 0 && line.length() + 1 + word.length() > width) {
          lines.add(line.toString());
          line = new StringBuilder(under);
          first = true;
        }
        line.append(first ? "" : " ").append(word);
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
