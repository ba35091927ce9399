package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SearchHits;
import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.PrivateChat;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * The lines a chat session shows, each starting with its local time: messages as
 * {@code [14:02] alice (127.0.0.1:49123): hello}, actions as
 * {@code [14:02] * alice (127.0.0.1:49123) waves}, and this program's own notices as
 * {@code [14:02] -!- bob joined}. Every string from a remote party is escaped here, before it can
 * reach the terminal.
 *
 * <p>Only a notice starts with {@link #NOTICE_MARK}: every other line starts with a name, which
 * {@link #sender} never lets start with it, or with the {@code *} of an action. Were notices
 * marked {@code *} as actions are, a user named {@code connection} doing
 * {@code /me lost: server shutting down} would print that the connection was lost.
 */
final class ChatLines {
  /** Drawn like an exclamation mark, though neither compatibility nor skeletons make one of them. */
  private static final String OTHER_EXCLAMATIONS = "\u00A1\u01C3\u203D\u2757\u2755\uA71D\uA71E\u2E18";

  /** What starts this program's own lines, and no one else's: irssi's mark for the same. */
  static final String NOTICE_MARK = "-!-";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter HIT_DATE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

  private final Palette palette;
  private final Clock clock;

  ChatLines(Palette palette, Clock clock) {
    this.palette = palette;
    this.clock = clock;
  }

  /** When a message was said: the server's time, or now for a server that sends none. */
  Instant timeOf(ChatMessage message) {
    return message.time() > 0 ? Instant.ofEpochMilli(message.time()) : clock.instant();
  }

  /** The day of an instant, where this client is. */
  LocalDate dayOf(Instant instant) {
    return instant.atZone(clock.getZone()).toLocalDate();
  }

  Instant now() {
    return clock.instant();
  }

  /** The line that opens a new day: {@code --- Sunday 29 November 2026 ---}. */
  AttributedString dayLine(LocalDate day) {
    return new AttributedStringBuilder().styled(palette.notice(), "--- " + DAY.format(day) + " ---").toAttributedString();
  }

  AttributedString message(ChatMessage message, boolean own) {
    return message(message, own, null);
  }

  /**
   * A message, with every mention of {@code mentioned}, your own name, highlighted; an action as
   * {@code * alice (127.0.0.1:49123) waves}, the address there too, where the name ends, so that
   * a user named {@code alice quits the} cannot pass for alice doing {@code /me quits the chat}.
   */
  AttributedString message(ChatMessage message, boolean own, String mentioned) {
    return message(message, own, mentioned, null);
  }

  /**
   * As {@link #message(ChatMessage, boolean, String)}, said in another room than the one typed
   * in: {@code [14:02] [#dev] alice: hello}.
   *
   * @param room the room to tag it with; {@code null} for none
   */
  AttributedString message(ChatMessage message, boolean own, String mentioned, String room) {
    AttributedStringBuilder line = start(timeOf(message));
    if (room != null) {
      line.styled(palette.address(), "[" + Printable.escape(room) + "]").append(' ');
    }
    if (message.action()) {
      line.append("* ");
    }
    line.styled(palette.name(message.from(), own), sender(message.from()));
    if (message.address() != null) {
      line.append(' ').styled(palette.address(), "(" + Printable.escape(message.address()) + ")");
    }
    line.append(message.action() ? " " : ": ");
    String text = Printable.escape(message.message());
    if (mentioned == null) {
      return line.append(text).toAttributedString();
    }
    int from = 0;
    for (int[] span : Mentions.spans(text, Printable.escape(mentioned))) {
      line.append(text, from, span[0]).styled(palette.mention(), text.substring(span[0], span[1]));
      from = span[1];
    }
    return line.append(text, from, text.length()).toAttributedString();
  }

  /**
   * A message said before this client joined, dimmed, with its date when it was not today:
   * {@code [28 Nov 14:02] alice: hello}.
   */
  AttributedString history(ChatMessage message) {
    return history(message, null);
  }

  /** As {@link #history(ChatMessage)}, of another room than the one typed in, tagged with it. */
  AttributedString history(ChatMessage message, String room) {
    Instant when = timeOf(message);
    boolean today = dayOf(when).equals(dayOf(clock.instant()));
    String time = (today ? TIME : DATE_TIME).format(when.atZone(clock.getZone()));
    String who = sender(message.from());
    String text = Printable.escape(message.message());
    String line = "[" + time + "] " + (room == null ? "" : "[" + Printable.escape(room) + "] ") + (message.action() ? "* " + who + " " + text : who + ": " + text);
    return new AttributedStringBuilder().styled(palette.history(), line).toAttributedString();
  }

  /**
   * A message a search found, with its date, room and sender, the words it matched marked:
   * highlighted in color, else between asterisks: {@code [28 Nov 2026 14:02] [#dev] alice: *deploy* friday}.
   */
  AttributedString hit(SearchHits.Hit hit) {
    ChatMessage message = hit.message();
    String when = HIT_DATE.format(timeOf(message).atZone(clock.getZone()));
    String who = sender(message.from());
    AttributedStringBuilder line = new AttributedStringBuilder()
        .append("[" + when + "] [" + Printable.escape(hit.room()) + "] " + (message.action() ? "* " + who + " " : who + ": "));
    String text = message.message();
    int at = 0;
    for (SearchHits.Mark mark : hit.marks()) {
      if (mark.start() < at) {
        continue; // Overlapping marks: the first one shows.
      }
      line.append(Printable.escape(text.substring(at, mark.start())));
      String word = Printable.escape(text.substring(mark.start(), mark.end()));
      if (palette.isColored()) {
        line.styled(palette.mention(), word);
      } else {
        line.append("*" + word + "*");
      }
      at = mark.end();
    }
    return line.append(Printable.escape(text.substring(at))).toAttributedString();
  }

  /** A private message, as both ends see it: {@code [14:02] alice -> bob (private): psst}. */
  AttributedString privateMessage(PrivateChat message, boolean own) {
    Instant when = message.time() > 0 ? Instant.ofEpochMilli(message.time()) : clock.instant();
    AttributedStringBuilder line = start(when);
    line.styled(palette.name(message.from(), own), sender(message.from()))
        .append(" -> ")
        .styled(palette.name(message.to(), !own), sender(message.to()))
        .append(' ')
        .styled(palette.privately(), "(private)")
        .append(": ")
        .append(Printable.escape(message.message()));
    return line.toAttributedString();
  }

  /** A line of this program's own words, with any remote text in it already escaped. */
  AttributedString notice(String text) {
    return start(clock.instant()).styled(palette.notice(), NOTICE_MARK + " " + text).toAttributedString();
  }

  /** A notice that needs attention: the server refused something. */
  AttributedString warning(String text) {
    return start(clock.instant()).styled(palette.warning(), NOTICE_MARK + " " + text).toAttributedString();
  }

  /**
   * A name as a line shows it: escaped, and with every parenthesis or colon, or look-alike, as
   * its code ({@code \u0028}). No server of this project lets a name hold one, but another may,
   * and {@code bob (127.0.0.1:43420)} must not pass for a name and an address. A name that could
   * start like {@link #NOTICE_MARK} (see {@link #couldPassForTheNoticeMark}) has its first
   * character as a code too ({@code \u002D!- bob}), so that no line but a notice starts with the
   * mark or anything like it.
   */
  static String sender(String name) {
    if (name == null) {
      return "";
    }
    StringBuilder shown = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      if (NameRules.framesASender(name, i) || NameRules.tagsARoom(name, i) || (i == 0 && couldPassForTheNoticeMark(name))) {
        shown.append(String.format(Locale.ROOT, codePoint > 0xFFFF ? "\\U%08X" : "\\u%04X", codePoint));
      } else {
        shown.appendCodePoint(codePoint);
      }
      i += Character.charCount(codePoint);
    }
    return Printable.escape(shown.toString());
  }

  /**
   * Whether none of a name's first three characters is a letter or digit that looks like one:
   * the notice mark is three such characters, and look-alikes of its hyphens and exclamation
   * mark are too many to list (trial a38: {@code ᠆!᠆}, {@code -¡-}, {@code ー!ー}). A modifier
   * letter ({@code ー}) counts as no letter, and nor does a letter that looks like something
   * else ({@code 一}, a Han letter, looks like {@code ー}; {@code ǃ} like {@code !}). So
   * {@code alice}, {@code mary jane}, {@code José}, {@code 北京}, {@code 2pac} and {@code _bob}
   * show as they are; {@code ---} and {@code ᠆!᠆ connection lost} do not.
   */
  private static boolean couldPassForTheNoticeMark(String name) {
    int[] start = name.codePoints().limit(NOTICE_MARK.length()).toArray();
    return Arrays.stream(start).noneMatch(ChatLines::looksLikeALetterOrDigit)
        || (start.length > 1 && looksLikeAnExclamationMark(start[1]));
  }

  /**
   * The mark's middle, which letters on either side of it cannot hide ({@code ㄧ!ㄧ}: Bopomofo
   * letters drawn as dashes): any name with one second is shown with its first as a code.
   */
  private static boolean looksLikeAnExclamationMark(int codePoint) {
    String alone = Character.toString(codePoint);
    String compatible = Normalizer.normalize(alone, Normalizer.Form.NFKC);
    return compatible.startsWith("!") || NameKeys.shapeOf(alone).startsWith("!") || OTHER_EXCLAMATIONS.indexOf(codePoint) >= 0;
  }

  private static boolean looksLikeALetterOrDigit(int codePoint) {
    String looks = NameKeys.shapeOf(Character.toString(codePoint));
    return isLetterOrDigit(codePoint) && !looks.isEmpty() && isLetterOrDigit(looks.codePointAt(0));
  }

  private static boolean isLetterOrDigit(int codePoint) {
    return Character.isLetterOrDigit(codePoint) && Character.getType(codePoint) != Character.MODIFIER_LETTER;
  }

  private AttributedStringBuilder start(Instant instant) {
    AttributedStringBuilder line = new AttributedStringBuilder();
    line.styled(palette.time(), "[" + TIME.format(instant.atZone(clock.getZone())) + "]");
    return line.append(' ');
  }
}
