package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), new Random(42));

  @Test
  void eachDelayLiesInTheUpperHalfOfADoublingRange() {
    long[] ceilings = {500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000};
    for (int attempt = 1; attempt <= ceilings.length; attempt++) {
      long ceiling = ceilings[attempt - 1];
      for (int i = 0; i < 200; i++) {
        long delay = backoff.delayBefore(attempt).toMillis();
        assertTrue(delay >= ceiling / 2 && delay <= ceiling, "attempt " + attempt + ": " + delay);
      }
    }
  }

  @Test
  void theCapHoldsForAnyNumberOfAttempts() {
    assertTrue(backoff.delayBefore(1_000_000).toMillis() <= 15_000);
    assertTrue(backoff.delayBefore(Integer.MAX_VALUE).toMillis() <= 15_000);
  }

  @Test
  void delaysAreJitteredSoClientsSpreadOut() {
    Set<Long> delays = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      delays.add(backoff.delayBefore(3).toMillis());
    }
    assertTrue(delays.size() > 20, delays.toString());
  }

  @Test
  void nonsenseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> backoff.delayBefore(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()));
    Backoff tiny = new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), new Random());
    assertTrue(tiny.delayBefore(5).toMillis() <= 1);
  }
}
