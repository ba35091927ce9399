package dev.termchat.client;

import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The moderation commands as typed: {@code /kick NAME [REASON]}, {@code /ban TARGET [DURATION]
 * [REASON]}, ..., each a request for the room one types in. What cannot be one is answered with
 * its usage.
 */
final class ModerationCommands {
  /** A ban's duration as typed: seconds, or a number and s, m, h or d. */
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})([smhd]?)");
  private static final Map<String, Long> SECONDS = Map.of("", 1L, "s", 1L, "m", 60L, "h", 3600L, "d", 86_400L);

  /** The commands and their usage, by name. */
  static final Map<String, String> USAGE = Map.ofEntries(
      Map.entry("/op", "/op NAME"),
      Map.entry("/deop", "/deop NAME"),
      Map.entry("/voice", "/voice NAME"),
      Map.entry("/devoice", "/devoice NAME"),
      Map.entry("/kick", "/kick NAME [REASON]"),
      Map.entry("/ban", "/ban NAME|ADDRESS|RANGE [DURATION] [REASON], e.g. /ban 203.0.113.0/24 2h spam"),
      Map.entry("/unban", "/unban NAME|ADDRESS|RANGE"),
      Map.entry("/serverban", "/serverban NAME|ADDRESS|RANGE [DURATION] [REASON]"),
      Map.entry("/serverunban", "/serverunban NAME|ADDRESS|RANGE"),
      Map.entry("/delete", "/delete [ID|@NAME]"),
      Map.entry("/banlist", "/banlist"),
      Map.entry("/serverbanlist", "/serverbanlist"),
      Map.entry("/whois", "/whois NAME"),
      Map.entry("/mute", "/mute"),
      Map.entry("/unmute", "/unmute"));

  private ModerationCommands() {}

  /**
   * The request a typed command makes, for the room given, or the usage to show.
   *
   * @return the request for a room, or empty with {@code usage} told
   */
  static Optional<Function<String, Moderate>> parse(String command, String rest, Consumer<String> usage) {
    String name = command.toLowerCase(Locale.ROOT);
    boolean server = name.startsWith("/server");
    ModerationAct act = ModerationAct.of(name.substring(server ? "/server".length() : 1)).orElseThrow();
    String[] words = rest.strip().split("\\s+", 2);
    String target = words[0];
    String after = words.length > 1 ? words[1] : "";
    if (act.targeted() == target.isEmpty() && act != ModerationAct.DELETE) {
      usage.accept("usage: " + USAGE.get(name));
      return Optional.empty();
    }
    long seconds = 0;
    String reason = after;
    if (act == ModerationAct.BAN) {
      String[] more = after.split("\\s+", 2);
      Matcher duration = DURATION.matcher(more[0]);
      if (duration.matches()) {
        seconds = Long.parseLong(duration.group(1)) * SECONDS.get(duration.group(2));
        reason = more.length > 1 ? more[1] : "";
      }
    }
    if (seconds > Integer.MAX_VALUE) {
      usage.accept("a ban lasts at most " + Integer.MAX_VALUE / 86_400 + " days");
      return Optional.empty();
    }
    long lasting = seconds;
    String why = reason;
    // A /delete without an id is of one's own latest line there, which the session knows.
    return Optional.of(room -> new Moderate(act, room, act.targeted() && !target.isEmpty() ? target : null, lasting, why, server));
  }
}
