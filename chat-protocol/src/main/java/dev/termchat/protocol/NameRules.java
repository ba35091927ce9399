package dev.termchat.protocol;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a chat name acceptable, shared by the server, which enforces it, and the client,
 * which checks a name before it connects.
 *
 * <p>A name is compared and shown in Unicode NFC, trimmed, 1 to {@value #MAX_LENGTH} characters,
 * made of printable characters only: no controls, no format characters (bidi overrides and
 * isolates, zero-width spaces and joiners), and no spaces other than U+0020; not one of the
 * {@link #RESERVED} names, and not starting with {@value #GUEST_PREFIX} unless it is a guest name.
 */
public final class NameRules {
  public static final int MAX_LENGTH = 32;
  /** Names that would pass for the system's own voice. */
  public static final Set<String> RESERVED = Set.of("server", "system");
  /** Guest names are {@code guest-} and digits; the prefix is theirs alone. */
  public static final String GUEST_PREFIX = "guest-";

  private static final Pattern GUEST_NAME = Pattern.compile("guest-\\d{4,9}");

  private NameRules() {}

  /** NFC and trimmed; {@code null} when nothing is left, which asks for a guest name. */
  public static String normalize(String requested) {
    if (requested == null) {
      return null;
    }
    String normalized = Normalizer.normalize(requested, Normalizer.Form.NFC).strip();
    return normalized.isEmpty() ? null : normalized;
  }

  /** What is wrong with a normalized name, for a person to read; empty when nothing is. */
  public static Optional<String> problem(String normalized) {
    int length = normalized.codePointCount(0, normalized.length());
    if (length > MAX_LENGTH) {
      return Optional.of("a name is at most " + MAX_LENGTH + " characters, not " + length);
    }
    for (int i = 0; i < normalized.length(); ) {
      int codePoint = normalized.codePointAt(i);
      if (!Printable.isSafe(codePoint)) {
        return Optional.of(
            "a name may not contain " + Printable.escape(new String(Character.toChars(codePoint))));
      }
      if (Character.isSpaceChar(codePoint) && codePoint != ' ') {
        return Optional.of(
            String.format("a name may not contain the space character U+%04X", codePoint));
      }
      i += Character.charCount(codePoint);
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

  /** Whether the name is a guest name, as a server or a client makes them up. */
  public static boolean isGuestName(String name) {
    return GUEST_NAME.matcher(name).matches();
  }
}
