package dev.termchat.protocol;

/**
 * Makes text from a remote party safe to print on a terminal.
 *
 * <p>A name or message is written by a stranger and shown on someone's terminal, where control
 * characters and escape sequences can move the cursor, recolor or clear the screen, set the
 * window title, or make the terminal answer with injected input; bidi overrides and zero-width
 * characters can make one text look like another. Every such character is shown visibly instead:
 * C0 controls and DEL in caret notation ({@code ESC} as {@code ^[}), everything else as a
 * {@code \u202E}-style escape.
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
      appendSafely(out, codePoint);
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
      if (!isSafe(codePoint)) {
        return i;
      }
      i += Character.charCount(codePoint);
    }
    return -1;
  }

  private static void appendSafely(StringBuilder out, int codePoint) {
    if (isSafe(codePoint)) {
      out.appendCodePoint(codePoint);
    } else if (codePoint < 0x20) {
      out.append('^').append((char) (codePoint + 0x40));
    } else if (codePoint == 0x7f) {
      out.append("^?");
    } else if (codePoint <= 0xffff) {
      out.append(String.format("\\u%04X", codePoint));
    } else {
      out.append(String.format("\\U%08X", codePoint));
    }
  }
}
