package dev.termchat.server.store;

import java.util.ArrayList;
import java.util.List;
import dev.termchat.server.room.MessageArchive.Mark;

/**
 * Words a person typed, as an FTS5 query that takes them as words and nothing else: each a
 * quoted string, all of them required. No input is FTS syntax, so none is an error. And the
 * marks FTS5's {@code highlight} put around what matched, as character ranges of the text.
 */
final class SearchWords {
  /** Words a query takes at most; more say nothing a person meant to ask. */
  static final int MAX_WORDS = 16;
  /** Characters of a query read at most. */
  static final int MAX_CHARS = 500;
  static final char OPEN = '\u0001';
  static final char CLOSE = '\u0002';

  private SearchWords() {}

  /** The words typed, as the person typed them (up to {@link #MAX_WORDS}); none for input with no word in it. */
  static List<String> words(String typed) {
    String text = typed.length() > MAX_CHARS ? typed.substring(0, MAX_CHARS) : typed;
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= text.length() && words.size() < MAX_WORDS; ) {
      int point = i < text.length() ? text.codePointAt(i) : ' ';
      if (Character.isLetterOrDigit(point)) {
        word.appendCodePoint(point);
      } else if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
      i += i < text.length() ? Character.charCount(point) : 1;
    }
    return words;
  }

  /** The FTS5 query for the words typed, all required; empty for input with no word in it. */
  static String match(String typed) {
    return quoted(words(typed));
  }

  /**
   * The query for the words in the text of one room's messages: the room's key is indexed beside
   * the text, so that the index narrows to the room's rows before any is read. Its words may be
   * those of another key too ({@code #dev-ops}, {@code #dev.ops}): the caller keeps to the key.
   */
  static String inRoom(List<String> words, String roomKey) {
    String room = String.join(" ", words(roomKey));
    String text = "{text} : (" + quoted(words) + ")";
    return room.isEmpty() ? text : text + " AND room : \"" + room + "\"";
  }

  private static String quoted(List<String> words) {
    return String.join(" ", words.stream().map(word -> "\"" + word + "\"").toList());
  }

  /** Where the marks were, in the text without them. */
  static List<Mark> marks(String highlighted) {
    List<Mark> marks = new ArrayList<>();
    int at = 0;
    int start = -1;
    for (int i = 0; i < highlighted.length(); i++) {
      char c = highlighted.charAt(i);
      if (c == OPEN) {
        start = at;
      } else if (c == CLOSE && start >= 0) {
        marks.add(new Mark(start, at));
        start = -1;
      } else {
        at++;
      }
    }
    return marks;
  }
}
