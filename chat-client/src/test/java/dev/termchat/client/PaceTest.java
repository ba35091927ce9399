package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The client's own pace, on a clock the test controls. */
class PaceTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void halfTheServersBurstGoesAtOnceThenNineTenthsOfItsRate() {
    Pace pace = new Pace(30, 60, 0);
    for (int i = 0; i < 30; i++) {
      assertTrue(pace.tryTake(0), "line " + i);
    }
    assertFalse(pace.tryTake(0));
    assertEquals(SECOND / 27 + 1, pace.nanosUntilNext(0), 1.0);

    int sent = 0;
    for (long now = 0; now <= 10 * SECOND; now += SECOND / 1000) {
      if (pace.tryTake(now)) {
        sent++;
      }
    }
    assertEquals(270, sent);
  }

  @Test
  void neverFasterThanTheServerTakesOverAnyStretch() {
    // The server's bucket: 60 at once, 30 a second. The client's sends must never empty it.
    Pace pace = new Pace(30, 60, 0);
    double serverTokens = 60;
    long last = 0;
    for (long now = 0; now <= 60 * SECOND; now += SECOND / 200) {
      if (pace.tryTake(now)) {
        serverTokens = Math.min(60, serverTokens + (now - last) * 30.0 / SECOND);
        last = now;
        serverTokens -= 1;
        assertTrue(serverTokens >= 0, "the server would drop a line at " + now);
      }
    }
  }
}
