package dev.termchat.server.cluster;

/**
 * The pause between attempts to reach Redis: a quarter of a second, doubling up to five, so that
 * an outage costs little and a short one is soon over. Confined to the thread that makes them.
 */
final class Backoff {
  private static final long FIRST_MILLIS = 250;
  private static final long MAX_MILLIS = 5000;

  private long millis = FIRST_MILLIS;

  /** Waits the current pause, and doubles the next. */
  void pause() {
    try {
      Thread.sleep(millis); // A pause between attempts to reach Redis, not a wait for an event.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    millis = Math.min(MAX_MILLIS, millis * 2);
  }

  /** Redis answered: the next outage starts from the shortest pause. */
  void reset() {
    millis = FIRST_MILLIS;
  }
}
