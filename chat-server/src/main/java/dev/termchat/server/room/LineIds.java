package dev.termchat.server.room;

import dev.termchat.protocol.Wire;

/**
 * The ids a session's client gave its latest lines, each with what the line was: a line sent
 * again under its id after a reconnect is the same line and must not be said twice, while an id
 * given to another line (another kind, text or recipient) must not pass for it, or its sender
 * would be shown an echo of something never said. Remembers the last {@value #REMEMBERED}, each
 * as two 64-bit hashes, id and line: 2 KB. Confined to the room thread.
 */
final class LineIds {
  /** As the protocol promises; this project's client keeps at most half as many unechoed. */
  static final int REMEMBERED = Wire.REMEMBERED_LINE_IDS;
  private static final long HASH_START = 0xcbf29ce484222325L;

  /** What an id was, the first time or again. */
  enum Seen {
    /** Not seen lately: the line is new, and its id is remembered now. */
    FIRST,
    /** This very line was sent under this id already. */
    SAME_LINE,
    /** Another line was sent under this id. */
    OTHER_LINE
  }

  /** The kind of a line, as part of what it was. */
  enum Kind {
    MESSAGE,
    ACTION,
    PRIVATE
  }

  private final long[] ids = new long[REMEMBERED];
  private final long[] lines = new long[REMEMBERED];
  private int count;
  private int next;

  /** Looks the id up, and remembers it with its line if it is new. */
  Seen see(String clientId, Kind kind, String to, String text) {
    if (clientId == null) {
      return Seen.FIRST;
    }
    long id = hash(HASH_START, clientId);
    long line = fingerprint(kind, to, text);
    for (int i = 0; i < count; i++) {
      if (ids[i] == id) {
        return lines[i] == line ? Seen.SAME_LINE : Seen.OTHER_LINE;
      }
    }
    ids[next] = id;
    lines[next] = line;
    next = (next + 1) % REMEMBERED;
    count = Math.min(count + 1, REMEMBERED);
    return Seen.FIRST;
  }

  /** Kind, recipient and text, each ended by a char no name or kind has. */
  private static long fingerprint(Kind kind, String to, String text) {
    long hash = hash(HASH_START, kind.name());
    hash = hash(hash, "\u0000");
    hash = hash(hash, to == null ? "" : to);
    hash = hash(hash, "\u0000");
    return hash(hash, text);
  }

  /** FNV-1a over the chars: 64 bits, so two ids or lines of one session do not meet by chance. */
  private static long hash(long start, String text) {
    long hash = start;
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
    }
    return hash;
  }
}
