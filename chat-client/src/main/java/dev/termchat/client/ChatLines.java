package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.Printable;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * The lines a chat session shows, each starting with its local time: messages as
 * {@code [14:02] alice (127.0.0.1:49123): hello}, everything else as {@code [14:02] * notice}.
 * Every string from a remote party is escaped here, before it can reach the terminal.
 */
final class ChatLines {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final Palette palette;
  private final Clock clock;

  ChatLines(Palette palette, Clock clock) {
    this.palette = palette;
    this.clock = clock;
  }

  AttributedString message(ChatMessage message, boolean own) {
    AttributedStringBuilder line = start(message.time() > 0 ? Instant.ofEpochMilli(message.time()) : clock.instant());
    line.styled(palette.name(message.from(), own), Printable.escape(message.from()));
    if (message.address() != null) {
      line.append(' ').styled(palette.address(), "(" + Printable.escape(message.address()) + ")");
    }
    return line.append(": ").append(Printable.escape(message.message())).toAttributedString();
  }

  /** A line of this program's own words, with any remote text in it already escaped. */
  AttributedString notice(String text) {
    return start(clock.instant()).styled(palette.notice(), "* " + text).toAttributedString();
  }

  /** A notice that needs attention: the server refused something. */
  AttributedString warning(String text) {
    return start(clock.instant()).styled(palette.warning(), "* " + text).toAttributedString();
  }

  private AttributedStringBuilder start(Instant instant) {
    AttributedStringBuilder line = new AttributedStringBuilder();
    line.styled(palette.time(), "[" + TIME.format(instant.atZone(clock.getZone())) + "]");
    return line.append(' ');
  }
}
