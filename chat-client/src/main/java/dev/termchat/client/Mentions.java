package dev.termchat.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where a message names someone: the name, in any case, not inside a longer word. */
final class Mentions {
  private Mentions() {}

  static boolean mentions(String text, String name) {
    return !spans(text, name).isEmpty();
  }

  /** The start and end of every mention of the name in the text. */
  static List<int[]> spans(String text, String name) {
    List<int[]> spans = new ArrayList<>();
    if (name.isEmpty()) {
      return spans;
    }
    String haystack = text.toLowerCase(Locale.ROOT);
    String needle = name.toLowerCase(Locale.ROOT);
    if (haystack.length() != text.length() || needle.length() != name.length()) {
      return spans; // Case folding changed the length: no safe spans to mark.
    }
    for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length())) {
      int end = at + needle.length();
      if (boundary(text, at - 1) && boundary(text, end)) {
        spans.add(new int[] {at, end});
      }
    }
    return spans;
  }

  private static boolean boundary(String text, int index) {
    return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
  }
}
