package dev.termchat.protocol;

/**
 * Makes text from a remote party safe to print on a terminal.
 *
 * <p>A name or message is written by a stranger and shown on someone's terminal, where control
 * characters and escape sequences can move the cursor, recolor or clear the screen, set the
 * window title, or make the terminal answer with injected input; bidi overrides and zero-width
 * characters can make one text look like another. Every such character is shown visibly instead:
 * C0 controls and DEL in caret notation ({@code ESC} as {@code ^[}), everything else as a
 * {@code \u202E}-style escape; only a tab, which is harmless, shows as four spaces.
 *
 * <p>Two zero-width characters are kept where writing needs them: a joiner between two emoji,
 * which makes one emoji of them (the family, the technologist), and a non-joiner between two
 * letters, which Persian and the Indic scripts use inside words. Anywhere else they are escaped.
 */
public final class Printable {
  private Printable() {}

  /** The text with every unsafe character replaced by a visible escape. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    int firstUnsafe = firstUnsafe(text);
    if (firstUnsafe < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    out.append(text, 0, firstUnsafe);
    for (int i = firstUnsafe; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (isJoinerInContext(text, i, codePoint)) {
        out.appendCodePoint(codePoint);
      } else {
        appendSafely(out, codePoint);
      }
      i += Character.charCount(codePoint);
    }
    return out.toString();
  }

  /** Whether the code point may be printed as it is. */
  public static boolean isSafe(int codePoint) {
    if (codePoint < 0x20 || codePoint == 0x7f) {
      return false;
    }
    if (codePoint < 0x7f) {
      return true;
    }
    int type = Character.getType(codePoint);
    // FORMAT covers bidi embeddings, overrides and isolates, zero-width joiners and spaces, BOM.
    return type != Character.CONTROL
        && type != Character.FORMAT
        && type != Character.SURROGATE
        && type != Character.UNASSIGNED
        && type != Character.PRIVATE_USE
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR;
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (!isSafe(codePoint) && !isJoinerInContext(text, i, codePoint)) {
        return i;
      }
      i += Character.charCount(codePoint);
    }
    return -1;
  }

  private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
  private static final int ZERO_WIDTH_JOINER = 0x200D;

  /** Whether a zero-width (non-)joiner at {@code index} joins what the script needs joined. */
  /**
   * Whether the character at {@code index} is a zero-width joiner or non-joiner that writing
   * needs there: a joiner between two emoji, a non-joiner between two letters.
   */
  public static boolean joinsInContext(String text, int index) {
    return isJoinerInContext(text, index, text.codePointAt(index));
  }

  private static boolean isJoinerInContext(String text, int index, int codePoint) {
    if (codePoint != ZERO_WIDTH_JOINER && codePoint != ZERO_WIDTH_NON_JOINER) {
      return false;
    }
    if (index == 0 || index + 1 >= text.length()) {
      return false;
    }
    int before = text.codePointBefore(index);
    int after = text.codePointAt(index + 1);
    return codePoint == ZERO_WIDTH_JOINER
        ? isEmojiPart(before) && isEmojiPart(after)
        : isLetterPart(before) && isLetterPart(after);
  }

  private static boolean isEmojiPart(int codePoint) {
    return Character.getType(codePoint) == Character.OTHER_SYMBOL
        || codePoint == 0xFE0F // emoji presentation selector
        || (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF); // skin tones
  }

  private static boolean isLetterPart(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isLetter(codePoint)
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  private static void appendSafely(StringBuilder out, int codePoint) {
    if (isSafe(codePoint)) {
      out.appendCodePoint(codePoint);
    } else if (codePoint == '\t') {
      out.append(TAB_AS_SPACES); // Harmless, and pasted text is full of them.
    } else if (codePoint < 0x20) {
      out.append('^').append((char) (codePoint + 0x40));
    } else if (codePoint == 0x7f) {
      out.append("^?");
    } else if (codePoint <= 0xffff) {
      appendHex(out.append("\\u"), codePoint, 4);
    } else {
      appendHex(out.append("\\U"), codePoint, 8);
    }
  }

  private static final String TAB_AS_SPACES = "    ";
  private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

  /** Upper-case hex, zero-padded: cheap, since a hostile text may need thousands of these. */
  private static void appendHex(StringBuilder out, int value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.append(HEX_DIGITS[(value >>> shift) & 0xf]);
    }
  }
}
