package dev.termchat.protocol;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What makes a chat name acceptable, shared by the server, which enforces it, and the client,
 * which checks a name before it connects.
 *
 * <p>A name is compared and shown in Unicode NFC, trimmed, 1 to {@value #MAX_LENGTH} characters,
 * made of printable characters only: no controls, no format characters (bidi overrides and
 * isolates, zero-width spaces and joiners), no spaces other than U+0020, and nothing invisible
 * (Unicode's default-ignorable code points, such as the Hangul fillers, except a variation
 * selector after a visible character, as in an emoji). It must show something: it may not start
 * with a combining mark, and needs one character that is neither white space, invisible, a mark,
 * nor blank: the Braille pattern U+2800 and the musical null notehead U+1D159 are drawn as
 * nothing, though no Unicode property names them so, and are refused. It holds no parenthesis or colon, nor anything that looks like one, and no
 * bracket but {@code [ ] { }} (see {@link #framesASender}). It is not one of the
 * {@link #RESERVED} names, and does not start with
 * {@value #GUEST_PREFIX} unless it is a guest name.
 */
public final class NameRules {
  public static final int MAX_LENGTH = 32;
  /** Names that would pass for the system's own voice. */
  public static final Set<String> RESERVED = Set.of("server", "system");
  /** Guest names are {@code guest-} and digits; the prefix is theirs alone. */
  public static final String GUEST_PREFIX = "guest-";

  private static final Pattern SPACES = Pattern.compile(" {2,}");
  private static final Pattern GUEST_NAME = Pattern.compile("guest-\\d{4,9}");
  /** Characters drawn as nothing that no Unicode property names invisible: blank Braille, a null notehead. */
  private static final Set<Integer> BLANK = Set.of(0x2800, 0x1D159);
  /** What frames a sender in a chat line: {@code alice (127.0.0.1:49123): hi}. */
  private static final String SENDER_FRAME = "():";
  /**
   * Signs drawn as a {@code #} that neither Unicode's confusables nor its compatibility forms map
   * to one: the music sharp, the viewdata square, equal and parallel, double-stroke not-equal, box
   * drawings' crossings. (The Han character 井 looks like one too, but is part of Chinese and
   * Japanese names; it is twice as wide, and shows as what it is.)
   */
  private static final Set<Integer> HASH_LIKE = Set.of(0x266F, 0x2317, 0x22D5, 0x2A69, 0x256A, 0x256B, 0x256C, 0x2AF5);
  private static final SpoofChecker RESTRICTION =
      new SpoofChecker.Builder()
          .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS)
          .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
          .build();

  private NameRules() {}

  /**
   * The most UTF-16 units a name may arrive in: room for {@value #MAX_LENGTH} characters each
   * written decomposed (a letter and its marks, a Hangul syllable as jamo). Longer is refused as
   * too long before it is normalized, which costs time in proportion to its length.
   */
  public static final int MAX_RAW_LENGTH = 8 * MAX_LENGTH;

  /**
   * NFC and trimmed; {@code null} when nothing is left, which asks for a guest name. A name
   * longer than {@link #MAX_RAW_LENGTH} is only trimmed, and {@link #problem} refuses it.
   */
  public static String normalize(String requested) {
    if (requested == null) {
      return null;
    }
    if (requested.length() > MAX_RAW_LENGTH) {
      return requested.strip();
    }
    // Runs of spaces are one space: "a  b" and "a b" would look alike in a list of names.
    String normalized = SPACES.matcher(Normalizer.normalize(requested, Normalizer.Form.NFC).strip()).replaceAll(" ");
    return normalized.isEmpty() ? null : normalized;
  }

  /** What is wrong with a normalized name, for a person to read; empty when nothing is. */
  public static Optional<String> problem(String normalized) {
    if (normalized.length() > MAX_RAW_LENGTH) {
      return Optional.of("a name is at most " + MAX_LENGTH + " characters");
    }
    int length = normalized.codePointCount(0, normalized.length());
    if (length > MAX_LENGTH) {
      return Optional.of("a name is at most " + MAX_LENGTH + " characters, not " + length);
    }
    Optional<String> shown = shownProblem(normalized, "a name");
    if (shown.isPresent()) {
      return shown;
    }
    for (int i = 0; i < normalized.length(); i += Character.charCount(normalized.codePointAt(i))) {
      if (tagsARoom(normalized, i)) {
        return Optional.of("a name may not contain " + describe(normalized.codePointAt(i))
            + ": a name holding # or what looks like it could pass for a room's tag, as in [#dev] alice");
      }
    }
    String lower = normalized.toLowerCase(Locale.ROOT);
    if (RESERVED.contains(lower)) {
      return Optional.of("the name \"" + normalized + "\" is reserved");
    }
    if (lower.startsWith(GUEST_PREFIX) && !isGuestName(normalized)) {
      return Optional.of("names starting with \"" + GUEST_PREFIX + "\" are for guests");
    }
    return Optional.empty();
  }

  /**
   * What is wrong with the characters of a normalized name or room name, whatever its length:
   * the rules of this class's description but the length, reserved names and guest names.
   *
   * @param noun what the text is, to begin the problem's sentence: {@code a name}
   */
  static Optional<String> shownProblem(String normalized, String noun) {
    boolean visible = false;
    int previous = -1;
    for (int i = 0; i < normalized.length(); ) {
      int codePoint = normalized.codePointAt(i);
      Optional<String> problem =
          joinerWritingNeeds(normalized, i, previous) ? Optional.empty() : problemWith(codePoint, previous, noun);
      if (problem.isPresent()) {
        return problem;
      }
      if (framesASender(normalized, i)) {
        return Optional.of(
            noun + " may not contain " + describe(codePoint) + ": with parentheses, colons, brackets other than"
                + " [ ] and { }, or what looks like them, a name would read as a name and an address, or a name"
                + " and a message");
      }
      if (i == 0 && isMark(codePoint)) {
        return Optional.of(noun + " may not start with the combining mark " + describe(codePoint));
      }
      visible |= isVisible(codePoint);
      previous = codePoint;
      i += Character.charCount(codePoint);
    }
    if (!visible) {
      return Optional.of(noun + " needs a character that shows");
    }
    return mixedScripts(normalized, noun);
  }

  /**
   * Whether the character at {@code index} of a name is {@code #} or looks like it (by Unicode's
   * confusables or compatibility forms: fullwidth, small): a line from another room is shown as
   * {@code [#dev] alice: hi}, and a name {@code [#dev] alice} would pass for that tag. Room names
   * begin with it, user names never hold it.
   */
  public static boolean tagsARoom(String name, int index) {
    int codePoint = name.codePointAt(index);
    String alone = Character.toString(codePoint);
    return HASH_LIKE.contains(codePoint)
        || (NameKeys.keyOf(alone) + Normalizer.normalize(alone, Normalizer.Form.NFKC)).indexOf('#') >= 0;
  }

  /**
   * Whether the character at {@code index} of a name is a parenthesis or a colon, or looks like
   * one (by Unicode's confusables, UTS #39, or its compatibility forms: fullwidth, small,
   * superscript, parenthesized): in a line such as {@code bob (127.0.0.1:43420): hi}, a name
   * holding one could pass for a name and an address, or a name and the start of a message. A
   * sign of a script that only looks like a colon, such as the Devanagari visarga, is writing
   * inside or at the end of a word of its own script ({@code दुःख}), and is fine there; before
   * a space it would pass for a colon. So is any bracket but {@code [ ] { }} (see
   * {@link #isOtherBracket}).
   */
  public static boolean framesASender(String name, int index) {
    int codePoint = name.codePointAt(index);
    if (isOtherBracket(codePoint)) {
      return true;
    }
    String alone = Character.toString(codePoint);
    String looks = NameKeys.keyOf(alone) + Normalizer.normalize(alone, Normalizer.Form.NFKC);
    if (looks.chars().noneMatch(c -> SENDER_FRAME.indexOf(c) >= 0)) {
      return false;
    }
    int type = UCharacter.getType(codePoint);
    boolean sign = isMark(codePoint) || type == UCharacter.MODIFIER_LETTER;
    if (!sign || index == 0) {
      return true;
    }
    int script = UScript.getScript(codePoint);
    if (script == UScript.COMMON || script == UScript.INHERITED) {
      return true;
    }
    int next = index + Character.charCount(codePoint);
    boolean endsTheName = next == name.length();
    return !writing(name.codePointBefore(index), script) || !endsTheName && !writing(name.codePointAt(next), script);
  }

  /**
   * Whether the character is a bracket, or a piece of one, other than the ASCII ones: Unicode's
   * opening and closing punctuation ({@code ⟮ ⦅ 〔 【 ⟦ ⌈}, Tibetan {@code ༺}, Ogham {@code ᚛}),
   * its paired brackets, and what it names a parenthesis or a bracket ({@code ⎛ ⏜}, the combining
   * parentheses {@code ᪻}). Which of them pass for a parenthesis and which for a square bracket
   * depends on the font, so none is let into a name; {@code [ ] { }} are, and frame nothing.
   */
  private static boolean isOtherBracket(int codePoint) {
    if (codePoint < 0x80) {
      return false; // ( and ) are caught as what they are.
    }
    int type = UCharacter.getType(codePoint);
    if (type == UCharacter.START_PUNCTUATION
        || type == UCharacter.END_PUNCTUATION
        || UCharacter.getIntPropertyValue(codePoint, UProperty.BIDI_PAIRED_BRACKET_TYPE)
            != UCharacter.BidiPairedBracketType.NONE) {
      return true;
    }
    String name = UCharacter.getName(codePoint);
    return name != null && (name.contains("PARENTHES") || name.contains("BRACKET"));
  }

  /** Whether the character is a letter or mark of this script: part of a word written in it. */
  private static boolean writing(int codePoint, int script) {
    return (UCharacter.isLetter(codePoint) || isMark(codePoint)) && UScript.getScript(codePoint) == script;
  }

  /**
   * Whether variation selectors may follow this character: emoji (text or emoji style), Han
   * ideographs (their registered variants), Mongolian letters. After anything else a selector
   * changes nothing that shows, and would only make a second name that looks like the first.
   */
  private static boolean hasVariants(int codePoint) {
    return UCharacter.hasBinaryProperty(codePoint, UProperty.EMOJI)
        || UCharacter.hasBinaryProperty(codePoint, UProperty.IDEOGRAPHIC)
        || UScript.getScript(codePoint) == UScript.MONGOLIAN;
  }

  private static Optional<String> problemWith(int codePoint, int previous, String noun) {
    boolean selectsAVariant =
        UCharacter.hasBinaryProperty(codePoint, UProperty.VARIATION_SELECTOR)
            && previous >= 0
            && isVisible(previous)
            && hasVariants(previous);
    String kind;
    int type = UCharacter.getType(codePoint);
    if (type == UCharacter.CONTROL
        || type == UCharacter.LINE_SEPARATOR
        || type == UCharacter.PARAGRAPH_SEPARATOR) {
      kind = "the control character";
    } else if (UCharacter.hasBinaryProperty(codePoint, UProperty.WHITE_SPACE)) {
      if (codePoint == ' ') {
        return Optional.empty();
      }
      kind = "the space character";
    } else if (selectsAVariant) {
      return Optional.empty();
    } else if (type == UCharacter.FORMAT
        || UCharacter.hasBinaryProperty(codePoint, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
      kind = "the invisible character";
    } else if (BLANK.contains(codePoint)) {
      kind = "the blank character";
    } else if (!Printable.isSafe(codePoint)) {
      kind = "the unassigned or private character";
    } else {
      return Optional.empty();
    }
    return Optional.of(noun + " may not contain " + kind + " " + describe(codePoint));
  }

  /** {@code U+200B ZERO WIDTH SPACE}, or the code alone where Unicode gives no name. */
  private static String describe(int codePoint) {
    String name = UCharacter.getName(codePoint);
    String code = String.format("U+%04X", codePoint);
    return name == null ? code : code + " " + name;
  }

  /**
   * Whether the character is a joiner that writing needs: a zero-width joiner inside an emoji
   * sequence (👩‍💻), or a non-joiner between letters of a script that joins them (Persian,
   * the Indic scripts). Between Latin, Greek or Cyrillic letters it would only hide.
   */
  private static boolean joinerWritingNeeds(String name, int index, int previous) {
    if (!Printable.joinsInContext(name, index)) {
      return false;
    }
    if (name.codePointAt(index) == 0x200D) {
      return true;
    }
    int script = UScript.getScript(previous);
    return script != UScript.LATIN && script != UScript.GREEK && script != UScript.CYRILLIC;
  }

  /**
   * Letters of scripts that look alike may not be mixed (UTS #39's moderately restrictive level,
   * by ICU's spoof checker): Latin with Cyrillic or Greek makes {@code аlice} look like
   * {@code alice}. Latin with Han and kana, as Japanese is written, is fine.
   */
  private static Optional<String> mixedScripts(String name, String noun) {
    if (RESTRICTION.failsChecks(name)) {
      Set<String> scripts = new TreeSet<>();
      name.codePoints()
          .map(UScript::getScript)
          .filter(script -> script != UScript.COMMON && script != UScript.INHERITED)
          .forEach(script -> scripts.add(UScript.getName(script).replace('_', ' ')));
      return Optional.of(
          scripts.size() > 1
              ? noun + " may not mix " + String.join(" and ", scripts) + " letters, which can pass for each other"
              : noun + " may not mix digits or letters that can pass for each other");
    }
    return Optional.empty();
  }

  /** Whether the character shows on its own: not white space, invisible, a mark, or blank. */
  private static boolean isVisible(int codePoint) {
    return !UCharacter.hasBinaryProperty(codePoint, UProperty.WHITE_SPACE)
        && !UCharacter.hasBinaryProperty(codePoint, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
        && !isMark(codePoint)
        && !BLANK.contains(codePoint);
  }

  private static boolean isMark(int codePoint) {
    int type = UCharacter.getType(codePoint);
    return type == UCharacter.NON_SPACING_MARK
        || type == UCharacter.COMBINING_SPACING_MARK
        || type == UCharacter.ENCLOSING_MARK;
  }

  /** Whether the name is a guest name, as a server or a client makes them up. */
  public static boolean isGuestName(String name) {
    return GUEST_NAME.matcher(name).matches();
  }
}
