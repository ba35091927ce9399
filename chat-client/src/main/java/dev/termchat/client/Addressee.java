package dev.termchat.client;

import dev.termchat.protocol.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whom {@code /msg NAME TEXT} is for, and what it says. Names may hold spaces
 * ({@code /msg mary jane hi}), so NAME is the name online, in any case, that the line starts
 * with before a space; with none, the first word. When several names online start the line
 * ({@code bob} and {@code bob I} in {@code /msg bob I think...}) nothing is guessed, as the
 * longest once was: whoever took the name {@code bob I} would get what was meant for bob. The
 * person then puts the name in double quotes, {@code /msg "bob I" think...}; a name may hold a
 * quote itself, so a quoted name that could be more than one person online is refused too.
 *
 * @param name whom the line is for; empty when it could be several
 * @param text what it says, possibly empty
 * @param candidates the names online it could be for, when there are several
 */
record Addressee(String name, String text, List<String> candidates) {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"(?:\\s+(.*))?", Pattern.DOTALL);

  static Addressee of(String rest, List<String> online) {
    List<String> quoted = new ArrayList<>();
    List<String> plain = new ArrayList<>();
    for (String name : online) {
      if (startsWith(rest, "\"" + name + "\"")) {
        quoted.add(name);
      }
      if (startsWith(rest, name) && rest.length() > name.length()) {
        plain.add(name);
      }
    }
    List<String> meant = quoted.isEmpty() ? plain : quoted;
    if (meant.size() > 1) {
      return new Addressee("", "", List.copyOf(meant));
    }
    if (meant.size() == 1) {
      String name = meant.get(0);
      int length = quoted.isEmpty() ? name.length() : name.length() + 2;
      return new Addressee(name, rest.substring(length).strip(), List.of());
    }
    Matcher quotedName = QUOTED.matcher(rest);
    if (quotedName.matches()) {
      return new Addressee(quotedName.group(1), quotedName.group(2) == null ? "" : quotedName.group(2).strip(), List.of());
    }
    String[] words = rest.strip().split("\\s+", 2);
    return new Addressee(words[0], words.length > 1 ? words[1] : "", List.of());
  }

  /** Whether the line starts with this, in any case, followed by white space or nothing. */
  private static boolean startsWith(String rest, String start) {
    return rest.regionMatches(true, 0, start, 0, start.length())
        && (rest.length() == start.length() || Character.isWhitespace(rest.charAt(start.length())));
  }

  boolean ambiguous() {
    return candidates.size() > 1;
  }

  /** What to tell a person whose line could be for several: who they are (escaped), and how to say which. */
  String whichOne() {
    return "not sent: that could be for "
        + candidates.stream().map(name -> "\"" + Printable.escape(name) + "\"").collect(Collectors.joining(" or "))
        + "; put the name in quotes: "
        + candidates.stream().map(name -> "/msg \"" + Printable.escape(name) + "\" TEXT").collect(Collectors.joining(" or "));
  }
}
