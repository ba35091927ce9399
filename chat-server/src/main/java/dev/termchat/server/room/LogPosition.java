package dev.termchat.server.room;

import java.util.Optional;

/**
 * Where an entry stands in the room's log, read from its id: {@code MILLIS-SEQUENCE} in a cluster
 * (a Redis stream id), {@code START-N} on a server on its own, both two unsigned numbers compared
 * in turn. A client names a position when it resumes, and it need not be a kept message's: the
 * position it joined at, or a private message's, lies between them, and what came after it is
 * told by comparing.
 */
record LogPosition(long first, long second) implements Comparable<LogPosition> {
  /** The position an id names; empty for anything that is not two numbers of a log's making. */
  static Optional<LogPosition> of(String id) {
    int dash = id.indexOf('-');
    if (dash <= 0 || dash == id.length() - 1 || !digits(id, 0, dash) || !digits(id, dash + 1, id.length())) {
      return Optional.empty();
    }
    try {
      return Optional.of(new LogPosition(Long.parseUnsignedLong(id, 0, dash, 10), Long.parseUnsignedLong(id, dash + 1, id.length(), 10)));
    } catch (NumberFormatException e) {
      return Optional.empty(); // Past 64 bits: no log gives such an id.
    }
  }

  /** Only ASCII digits: parseUnsignedLong also takes a leading '+' and other scripts' digits. */
  private static boolean digits(String id, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(LogPosition other) {
    int byFirst = Long.compareUnsigned(first, other.first);
    return byFirst != 0 ? byFirst : Long.compareUnsigned(second, other.second);
  }

  /** The id that names this position, as a log writes it. */
  String id() {
    return Long.toUnsignedString(first) + "-" + Long.toUnsignedString(second);
  }

  boolean after(LogPosition other) {
    return compareTo(other) > 0;
  }
}
