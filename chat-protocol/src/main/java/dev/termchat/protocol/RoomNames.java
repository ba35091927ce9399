package dev.termchat.protocol;

import java.text.Normalizer;
import java.util.Optional;

/**
 * What makes a room name acceptable, and when two room names are one room; shared by the server,
 * which enforces it, and the client, which checks a name before it asks.
 *
 * <p>A room name is {@value #PREFIX} and 1 to {@value #MAX_LENGTH} characters, in Unicode NFC,
 * under the character rules of user names ({@link NameRules}: nothing invisible, no controls, no
 * look-alike scripts mixed, no parenthesis, colon or bracket but {@code [ ] { }}), and with no
 * space or comma, which separate room names in commands ({@code /join #dev #ops}) and in the
 * {@code rooms=} option. Two names are one room when they are one name by {@link NameKeys}:
 * {@code #Dev} is {@code #dev}.
 */
public final class RoomNames {
  public static final String PREFIX = "#";
  /** The most characters after {@value #PREFIX}, as IRC servers such as ergo allow. */
  public static final int MAX_LENGTH = 64;
  /** The room every client is in unless it asks otherwise; the only room of base clients. */
  public static final String DEFAULT_ROOM = "#general";
  /** The longest topic, in characters (code points), as ergo's TOPICLEN. */
  public static final int MAX_TOPIC_CHARS = 390;
  /** The most UTF-16 units a room name may arrive in: its characters each written decomposed. */
  public static final int MAX_RAW_LENGTH = 8 * MAX_LENGTH;

  private RoomNames() {}

  /** NFC and trimmed; {@code null} for nothing. A name too long to normalize is only trimmed. */
  public static String normalize(String requested) {
    if (requested == null) {
      return null;
    }
    String trimmed = requested.strip();
    if (trimmed.length() > MAX_RAW_LENGTH) {
      return trimmed;
    }
    String normalized = Normalizer.normalize(trimmed, Normalizer.Form.NFC);
    return normalized.isEmpty() ? null : normalized;
  }

  /** What is wrong with a normalized room name, for a person to read; empty when nothing is. */
  public static Optional<String> problem(String normalized) {
    if (!normalized.startsWith(PREFIX)) {
      return Optional.of("a room name starts with " + PREFIX + ", as in " + DEFAULT_ROOM);
    }
    String rest = normalized.substring(PREFIX.length());
    int length = rest.codePointCount(0, rest.length());
    if (normalized.length() > MAX_RAW_LENGTH || length > MAX_LENGTH) {
      return Optional.of("a room name is " + PREFIX + " and at most " + MAX_LENGTH + " characters");
    }
    if (rest.isEmpty()) {
      return Optional.of("a room name is " + PREFIX + " and at least one character");
    }
    if (rest.indexOf(' ') >= 0 || rest.indexOf(',') >= 0) {
      return Optional.of("a room name may not contain a space or a comma");
    }
    return NameRules.shownProblem(rest, "a room name");
  }

  /** The key under which a room is one room: {@code #Dev} and {@code #dev} share it. */
  public static String keyOf(String room) {
    return PREFIX + NameKeys.keyOf(room.substring(PREFIX.length()));
  }

  /** The look-alike shape of a room's name (see {@link NameKeys#shapeOf}). */
  public static String shapeOf(String room) {
    return PREFIX + NameKeys.shapeOf(room.substring(PREFIX.length()));
  }
}
