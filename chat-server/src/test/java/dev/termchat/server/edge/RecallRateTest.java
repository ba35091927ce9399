package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rate of scrollback and search requests of one connection, on a clock the test moves. */
class RecallRateTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void fiveAtOnceThenOneASecond() {
    long now = 1_000 * SECOND;
    RecallRate rate = new RecallRate(now);
    for (int i = 0; i < RecallRate.BURST; i++) {
      assertEquals(0, rate.take(now), "request " + i);
    }
    assertEquals(SECOND, rate.take(now), "the sixth waits a second");
    assertEquals(SECOND / 2, rate.take(now + SECOND / 2));
    assertEquals(0, rate.take(now + SECOND));
    assertEquals(SECOND, rate.take(now + SECOND));
    assertEquals(1, RecallRate.seconds(SECOND));
    assertEquals(1, RecallRate.seconds(1));
  }

  @Test
  void aQuietConnectionHasItsBurstBackAndNoMore() {
    long now = 1_000 * SECOND;
    RecallRate rate = new RecallRate(now);
    for (int i = 0; i < RecallRate.BURST; i++) {
      rate.take(now);
    }
    long later = now + 60 * SECOND;
    for (int i = 0; i < RecallRate.BURST; i++) {
      assertEquals(0, rate.take(later), "request " + i);
    }
    assertEquals(SECOND, rate.take(later));
  }
}
