package dev.termchat.client;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterEnums.ECharacterCategory;
import com.ibm.icu.lang.UProperty;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How many columns text takes on a terminal, counted so that no common terminal takes more.
 * Terminals disagree, and with JLine's count too (it takes an emoji skin-tone modifier for 0
 * columns where tmux and glibc draw a lone one in 2): a row the client thinks fits but the
 * terminal wraps puts what follows at the left edge, where a message padded to the width would
 * draw a row that reads like a line of its own. So every character counts for the most columns
 * a terminal may draw it in, and a row that is really shorter merely wraps a little early.
 *
 * <p>Two columns: East Asian Wide and Fullwidth (Unicode's East Asian Width), emoji (Emoji
 * Presentation, modifiers, regional indicators, and anything pictographic, which a terminal may
 * draw as an emoji), and East Asian Ambiguous at or past the CJK blocks (U+2E80), which glibc
 * draws wide in part ({@code ㉈}). The rest of Ambiguous, Latin, Greek and Cyrillic letters and
 * signs such as {@code “} or {@code …}, count two only where the locale is Chinese, Japanese or
 * Korean, as terminals there draw them; elsewhere terminals draw them in one, and counting two
 * would wrap a line of Russian at half the width. None: combining marks, which join the
 * character before, and the joiners that {@link dev.termchat.protocol.Printable} lets through.
 * A variation selector 16 and the keycap mark count one, as they can make the one-column
 * character before them an emoji of two. Anything else: one. Text reaching here has no control
 * characters left ({@code Printable} escaped them).
 */
final class Columns {
  /** For the terminal of this process, by its locale. */
  static final Columns TERMINAL = new Columns(eastAsianLocale(System.getenv()));

  private static final int CJK_BLOCKS = 0x2E80;
  private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
  private static final int ZERO_WIDTH_JOINER = 0x200D;
  private static final int EMOJI_PRESENTATION_SELECTOR = 0xFE0F;
  private static final int KEYCAP = 0x20E3;

  /** Whether all of East Asian Ambiguous counts two columns. */
  private final boolean ambiguousIsWide;

  Columns(boolean ambiguousIsWide) {
    this.ambiguousIsWide = ambiguousIsWide;
  }

  /**
   * Whether the locale the environment names (the first set of {@code LC_ALL}, {@code LC_CTYPE}
   * and {@code LANG}, as in C) is Chinese, Japanese or Korean.
   */
  static boolean eastAsianLocale(Map<String, String> environment) {
    String locale =
        Stream.of("LC_ALL", "LC_CTYPE", "LANG")
            .map(environment::get)
            .filter(value -> value != null && !value.isEmpty())
            .findFirst()
            .orElse("")
            .toLowerCase(Locale.ROOT);
    return Stream.of("zh", "ja", "ko").anyMatch(language -> locale.equals(language) || locale.startsWith(language + "_"));
  }

  /** The columns of one code point. */
  int of(int codePoint) {
    if (codePoint < 0x7F) {
      return 1;
    }
    if (codePoint == EMOJI_PRESENTATION_SELECTOR || codePoint == KEYCAP) {
      return 1;
    }
    int width = UCharacter.getIntPropertyValue(codePoint, UProperty.EAST_ASIAN_WIDTH);
    if (width == UCharacter.EastAsianWidth.WIDE
        || width == UCharacter.EastAsianWidth.FULLWIDTH
        || UCharacter.hasBinaryProperty(codePoint, UProperty.EMOJI_PRESENTATION)
        || UCharacter.hasBinaryProperty(codePoint, UProperty.EMOJI_MODIFIER)
        || UCharacter.hasBinaryProperty(codePoint, UProperty.REGIONAL_INDICATOR)
        || UCharacter.hasBinaryProperty(codePoint, UProperty.EXTENDED_PICTOGRAPHIC)) {
      return 2;
    }
    if (joinsTheCharacterBefore(codePoint)) {
      return 0;
    }
    if (width == UCharacter.EastAsianWidth.AMBIGUOUS && (ambiguousIsWide || codePoint >= CJK_BLOCKS)) {
      return 2;
    }
    return 1;
  }

  private static boolean joinsTheCharacterBefore(int codePoint) {
    int category = UCharacter.getType(codePoint);
    return category == ECharacterCategory.NON_SPACING_MARK
        || category == ECharacterCategory.ENCLOSING_MARK
        || codePoint == ZERO_WIDTH_JOINER
        || codePoint == ZERO_WIDTH_NON_JOINER;
  }

  /** The columns of text. */
  int of(CharSequence text) {
    int columns = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = Character.codePointAt(text, i);
      columns += of(codePoint);
      i += Character.charCount(codePoint);
    }
    return columns;
  }

  /**
   * How many chars from the start of text fit in so many columns: whole code points, with the
   * marks and joiners after the last that fits, which take no room of their own.
   */
  int fit(CharSequence text, int columns) {
    int used = 0;
    int i = 0;
    while (i < text.length()) {
      int codePoint = Character.codePointAt(text, i);
      used += of(codePoint);
      if (used > columns) {
        break;
      }
      i += Character.charCount(codePoint);
    }
    return i;
  }
}
