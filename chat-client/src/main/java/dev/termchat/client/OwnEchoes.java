package dev.termchat.client;

import java.util.TreeMap;

/**
 * Shows this client's own lines in the order they were typed, whatever order their echoes come
 * in. After a reconnect, the server may send the copies of the latest lines it kept (catching up)
 * before the earlier ones, which it had let go, come back as echoes of the lines sent again. An
 * own line whose echo comes while a line typed before it has no outcome yet is held, and shown
 * once every line before it has one: echoed (and shown first), refused, or given up. Its delivery
 * counts at once, in the outbox.
 *
 * <p>Not thread-safe: confined to the session thread.
 */
final class OwnEchoes {
  private final Outbox outbox;
  /** How to show each own line held back, by its place among the lines typed. */
  private final TreeMap<Long, Runnable> held = new TreeMap<>();

  OwnEchoes(Outbox outbox) {
    this.outbox = outbox;
  }

  /**
   * An own line came back from the server: settled in the outbox, and shown now or once every
   * line typed before it has an outcome. One that is no line of this session's still waiting
   * for its echo (typed before this session, or a copy that came before) is shown at once.
   *
   * @return whether it was a line still waiting for its echo
   */
  boolean echoed(String clientId, Runnable show) {
    long number = outbox.echoedLine(clientId);
    if (number == 0) {
      show.run();
      return false;
    }
    held.put(number, show);
    settled();
    return true;
  }

  /** Lines got an outcome: shows those held that no line typed before them waits for any more. */
  void settled() {
    long first = outbox.firstUnsettled();
    while (!held.isEmpty() && held.firstKey() < first) {
      held.pollFirstEntry().getValue().run();
    }
  }

  /** The session ends: what is held is shown, in the order typed, as no earlier line will be. */
  void showAll() {
    held.values().forEach(Runnable::run);
    held.clear();
  }
}
