package dev.termchat.client;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * A line as the rows of a terminal of a given width, wrapped here rather than by the terminal,
 * so that every row after the first is indented: only the first row of a line starts at the left
 * edge. A terminal that wraps a long line itself starts the rest at the edge, where text a sender
 * padded to the width would read as a line of its own ({@code [10:23] bob (...): I resign}).
 *
 * <p>Rows break after a space where one is near the end, else anywhere, and stay one column short
 * of the width, so that no terminal wraps a full row itself. Their columns are counted as no
 * common terminal exceeds ({@link Columns}): one that drew a row wider than counted would wrap it
 * itself after all.
 */
final class Rows {
  /** How far rows after the first are indented: past the time, under the sender's name. */
  static final int INDENT = "[00:00] ".length();

  private Rows() {}

  /** The line, as it is when it fits or the width is unknown (0), else wrapped and indented. */
  static AttributedString wrap(AttributedString line, int width) {
    return wrap(line, width, Columns.TERMINAL);
  }

  /** The same, with columns counted as given. */
  static AttributedString wrap(AttributedString line, int width, Columns columns) {
    int usable = width - 1;
    if (usable < 2 || columns.of(line) <= usable) {
      return line;
    }
    int indent = usable >= 3 * INDENT ? INDENT : 1;
    AttributedStringBuilder rows = new AttributedStringBuilder();
    AttributedString rest = line;
    int room = usable;
    while (columns.of(rest) > room) {
      AttributedString row = breakable(rest, rest.subSequence(0, columns.fit(rest, room)), room, columns);
      rows.append(row).append('\n').append(" ".repeat(indent));
      int next = row.length();
      if (next < rest.length() && rest.charAt(next) == ' ' && rest.charAt(next - 1) != ' ') {
        next++; // The space the row broke at ends the row, rather than starting the next.
      }
      rest = rest.subSequence(next, rest.length());
      room = usable - indent;
    }
    return rows.append(rest).toAttributedString();
  }

  /**
   * The row cut from the start of {@code rest}, ending after its last space when that is in its
   * second half, so that words stay whole; at least one character, even one wider than the room.
   */
  private static AttributedString breakable(AttributedString rest, AttributedString row, int room, Columns columns) {
    if (row.length() == 0) {
      return rest.subSequence(0, Character.charCount(rest.codePointAt(0)));
    }
    if (rest.charAt(row.length()) == ' ') {
      return row;
    }
    int space = row.toString().lastIndexOf(' ');
    if (space < 0 || columns.of(row.subSequence(0, space + 1)) < room / 2) {
      return row;
    }
    return row.subSequence(0, space + 1);
  }
}
