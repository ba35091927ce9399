package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wait before lines the server could not take go again, on a clock the test moves. */
class RetryWaitTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final RetryWait wait = new RetryWait(Duration.ofSeconds(1), Duration.ofSeconds(8));

  @Test
  void nothingRefusedNothingToWaitFor() {
    assertEquals(0, wait.nanosLeft(123));
  }

  @Test
  void theWaitDoublesOnceARoundUpToItsLimit() {
    long now = 1_000 * SECOND;
    // A round of three lines sent together: the wait counts from the last refusal and doubles once.
    wait.refused(now, false);
    wait.refused(now, false);
    wait.refused(now, true);
    assertEquals(SECOND, wait.nanosLeft(now));
    assertEquals(SECOND / 2, wait.nanosLeft(now + SECOND / 2));
    for (long expected : new long[] {2, 4, 8, 8}) {
      now += 10 * SECOND;
      wait.refused(now, true);
      assertEquals(expected * SECOND, wait.nanosLeft(now));
    }
  }

  @Test
  void aLineTakenStartsTheNextOutageAfresh() {
    wait.refused(0, true);
    wait.refused(10 * SECOND, true);
    wait.taken();
    assertEquals(0, wait.nanosLeft(10 * SECOND));
    wait.refused(20 * SECOND, true);
    assertEquals(SECOND, wait.nanosLeft(20 * SECOND));
  }
}
