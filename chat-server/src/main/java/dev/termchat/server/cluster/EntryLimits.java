package dev.termchat.server.cluster;

import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Wire;
import dev.termchat.server.room.LogEntry;
import java.util.Map;
import java.util.Optional;

/**
 * How much each field of a stream entry may hold, checked before the entry is appended: every
 * field that a room event is encoded into has a bound that what the edge and the room let through
 * stays within, so that nothing a client sends makes an entry larger than the longest message.
 * An entry past a bound was not bounded where it came in, a bug, and is not appended. Also what
 * an entry takes in Redis, for the stream's budget. Stateless and thread-safe.
 */
final class EntryLimits {
  /**
   * What one user in a roster may take: its connection number, a name (at most {@value
   * NameRules#MAX_LENGTH} characters, each escaped to at most 6 in JSON and of 2 UTF-16 units),
   * its address and its dialect, with the JSON between them.
   */
  static final int PRESENT_CHARS = 20 + 12 * NameRules.MAX_LENGTH + 2 * 128 + 16 + 16;
  /** What one room of a rooms client's takes in a roster at most: its name escaped, and a comma and quotes. */
  private static final int ROOM_CHARS = 12 * (RoomNames.MAX_LENGTH + 1) + 3;
  /** A name as the edge bounds it, one unit past the longest an acceptable name arrives in. */
  private static final int NAME_CHARS = NameRules.MAX_RAW_LENGTH + 1;
  private static final int ID_CHARS = LogEntry.MAX_ID_CHARS;
  private static final int TOKEN_CHARS = 128;
  private static final int ADDRESS_CHARS = 128;
  private static final int REASON_CHARS = 2048;

  private final Map<String, Integer> maxChars;

  /**
   * @param maxMessageChars the longest message the edge takes, in characters (code points)
   * @param maxRosterSize the most users a node's roster may list: its connection cap
   * @param maxRoomsPerConnection the most rooms one of them may be in
   */
  EntryLimits(int maxMessageChars, int maxRosterSize, int maxRoomsPerConnection) {
    maxChars =
        Map.ofEntries(
            Map.entry("type", 16),
            Map.entry("node", 64),
            Map.entry("conn", 20),
            Map.entry("name", NAME_CHARS),
            Map.entry("address", ADDRESS_CHARS),
            Map.entry("dialect", 16),
            Map.entry("history", 4),
            Map.entry("resume", ID_CHARS),
            Map.entry("presented", TOKEN_CHARS),
            Map.entry("issued", TOKEN_CHARS),
            Map.entry("text", 2 * maxMessageChars), // A code point is at most two UTF-16 units.
            Map.entry("action", 1),
            Map.entry("cid", Wire.MAX_CLIENT_ID_CHARS),
            Map.entry("to", NAME_CHARS),
            Map.entry("code", 64),
            Map.entry("reason", REASON_CHARS),
            Map.entry("why", REASON_CHARS),
            Map.entry("quit", 1),
            Map.entry("present", (int) Math.min(Integer.MAX_VALUE, 2 + (long) maxRosterSize * (PRESENT_CHARS + 2 + (long) maxRoomsPerConnection * ROOM_CHARS))),
            Map.entry("asof", ID_CHARS),
            Map.entry("at", ID_CHARS),
            Map.entry("room", RoomNames.MAX_RAW_LENGTH + 1),
            Map.entry("reg", 1),
            Map.entry("topic", 2 * RoomNames.MAX_TOPIC_CHARS),
            Map.entry("ask", 1),
            Map.entry("act", 16),
            Map.entry("target", NAME_CHARS + ADDRESS_CHARS),
            Map.entry("secs", 20),
            Map.entry("srv", 1),
            Map.entry("change", 16));
  }

  /** What is wrong with an entry's fields, if anything: a field without a bound, or past it. */
  Optional<String> problem(Map<String, String> fields) {
    for (Map.Entry<String, String> field : fields.entrySet()) {
      Integer max = maxChars.get(field.getKey());
      if (max == null) {
        return Optional.of("field " + field.getKey() + " has no bound");
      }
      if (field.getValue().length() > max) {
        return Optional.of("field " + field.getKey() + " holds " + field.getValue().length() + " characters, more than " + max);
      }
    }
    return Optional.empty();
  }

  /**
   * About what an entry takes in Redis: its fields' bytes, a quarter more, and 32 bytes. Redis
   * packs entries in nodes of up to 4 KB, with a header each, and rounds allocations up: what
   * {@code MEMORY USAGE} reports for a stream of entries of one size was measured at 0.6 to 1.09
   * times this, lowest for the shortest entries and highest (1.09) for entries of 2 KB, whose
   * nodes hold one each (Redis 7.0; see OPERATIONS.md, Cluster).
   */
  static int bytes(Map<String, String> fields) {
    long raw = 0;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      raw += utf8Length(field.getKey()) + utf8Length(field.getValue());
    }
    return (int) Math.min(Integer.MAX_VALUE, raw + raw / 4 + 32);
  }

  private static long utf8Length(String text) {
    long length = text.length();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        // Two bytes below U+0800, three above; a surrogate pair is four in all, two a half.
        length += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
      }
    }
    return length;
  }
}
