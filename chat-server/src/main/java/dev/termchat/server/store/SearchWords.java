package dev.termchat.server.store;

import dev.termchat.server.room.MessageArchive.Mark;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Words a person typed, as an FTS5 query that takes them as words and nothing else: each a
 * quoted string, all of them required. No input is FTS syntax, so none is an error. And the
 * marks FTS5's {@code highlight} put around what matched, as character ranges of the text.
 *
 * <p>A word is a run of letters, digits, private-use characters and combining marks, as the
 * store's tokenizer reads one ({@code unicode61}, categories {@code L* N* Co Mc Mn}).
 */
final class SearchWords {
  /** Words a query takes at most; those past it are left out (PROTOCOL.md says so). */
  static final int MAX_WORDS = 16;
  /** Characters of a query read at most. */
  static final int MAX_CHARS = 500;
  /** Characters that never stand for text, two of which mark a hit where the text has neither. */
  private static final char FIRST_MARKER = '\uFDD0';
  private static final char LAST_MARKER = '\uFDEF';

  private SearchWords() {}

  /** The words typed (up to {@link #MAX_WORDS}); none for input with no word in it. */
  static List<String> words(String typed) {
    return split(typed.length() > MAX_CHARS ? typed.substring(0, MAX_CHARS) : typed, MAX_WORDS);
  }

  /** Every word of a text. */
  static List<String> tokens(String text) {
    return split(text, Integer.MAX_VALUE);
  }

  private static List<String> split(String text, int most) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length() && words.size() < most; ) {
      int point = i < text.length() ? text.codePointAt(i) : ' ';
      boolean inWord = isWordChar(point);
      if (inWord && start < 0) {
        start = i;
      } else if (!inWord && start >= 0) {
        words.add(text.substring(start, i));
        start = -1;
      }
      i += i < text.length() ? Character.charCount(point) : 1;
    }
    return words;
  }

  private static boolean isWordChar(int point) {
    return switch (Character.getType(point)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
          Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
          Character.PRIVATE_USE, Character.COMBINING_SPACING_MARK, Character.NON_SPACING_MARK -> true;
      default -> false;
    };
  }

  /** The FTS5 query for the words typed, all required; empty for input with no word in it. */
  static String match(String typed) {
    return quoted(words(typed));
  }

  /**
   * The query for the words in the text of one room's messages: the room's key is indexed
   * beside the text as one word ({@code r} and its bytes in hex), so that the index narrows to
   * the room's rows before any is read.
   */
  static String inRoom(List<String> words, String roomKey) {
    return "{text} : (" + quoted(words) + ") AND room_token : \"r" + HexFormat.of().formatHex(roomKey.getBytes(StandardCharsets.UTF_8)) + "\"";
  }

  private static String quoted(List<String> words) {
    return String.join(" ", words.stream().map(word -> "\"" + word + "\"").toList());
  }

  /** Two characters the text has not, to mark its hits with: {@code [open, close]}. */
  static String[] markers(String text) {
    List<String> free = new ArrayList<>(2);
    for (char c = FIRST_MARKER; c <= LAST_MARKER && free.size() < 2; c++) {
      if (text.indexOf(c) < 0) {
        free.add(String.valueOf(c));
      }
    }
    return free.size() == 2 ? free.toArray(String[]::new) : null;
  }

  /**
   * Where the marks were, in the text. FTS5's highlight copies the text between words as a C
   * string, so such a stretch ends at its first NUL, the rest of it left out: the marked text is
   * walked beside the text itself, and where a stretch was cut, the walk picks up again at the
   * next word, whose first character no stretch between words holds.
   */
  static List<Mark> marks(String highlighted, String text, String[] markers) {
    char open = markers[0].charAt(0);
    char close = markers[1].charAt(0);
    List<Mark> marks = new ArrayList<>();
    int at = 0;
    int start = -1;
    boolean opened = false;
    for (int i = 0; i < highlighted.length(); i++) {
      char c = highlighted.charAt(i);
      if (c == open) {
        opened = true;
      } else if (c == close && start >= 0) {
        marks.add(new Mark(start, at));
        start = -1;
      } else {
        if (at < text.length() && text.charAt(at) != c) {
          int found = text.indexOf(c, at);
          at = found < 0 ? at : found;
        }
        if (opened) {
          start = at;
          opened = false;
        }
        at++;
      }
    }
    return marks;
  }
}
