package dev.termchat.server.edge;

import static dev.termchat.server.edge.RateLimiter.Verdict.ALLOW;
import static dev.termchat.server.edge.RateLimiter.Verdict.DISCONNECT;
import static dev.termchat.server.edge.RateLimiter.Verdict.DROP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test controls. */
class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstPassesThenTheRateApplies() {
    RateLimiter limiter = new RateLimiter(30, 60, 0);
    for (int i = 0; i < 60; i++) {
      assertEquals(ALLOW, limiter.onFrame(0), "frame " + i);
    }
    assertEquals(DROP, limiter.onFrame(0));
    // A thirtieth of a second later there is one more token.
    long later = SECOND / 30 + 1;
    assertEquals(ALLOW, limiter.onFrame(later));
    assertEquals(DROP, limiter.onFrame(later));
  }

  @Test
  void steadyTrafficAtTheRateIsNeverDropped() {
    RateLimiter limiter = new RateLimiter(30, 60, 0);
    for (int i = 1; i <= 3000; i++) {
      assertEquals(ALLOW, limiter.onFrame(i * (SECOND / 30 + 1)), "frame " + i);
    }
  }

  @Test
  void theBenchmarkSendersTwentyASecondAreNeverDropped() {
    RateLimiter limiter = new RateLimiter(30, 60, 0);
    for (int i = 1; i <= 2000; i++) {
      assertEquals(ALLOW, limiter.onFrame(i * SECOND / 20));
    }
  }

  @Test
  void aSpikeIsDroppedButNotDisconnected() {
    RateLimiter limiter = new RateLimiter(30, 60, 0);
    List<RateLimiter.Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 110; i++) {
      verdicts.add(limiter.onFrame(0));
    }
    assertEquals(60, verdicts.stream().filter(ALLOW::equals).count());
    assertEquals(50, verdicts.stream().filter(DROP::equals).count());
    // A quiet second pays the debt off and refills the bucket.
    assertEquals(ALLOW, limiter.onFrame(2 * SECOND));
  }

  @Test
  void sustainedFloodingDisconnects() {
    RateLimiter limiter = new RateLimiter(30, 60, 0);
    // Twice the rate: the excess, 30 a second, passes one burst of debt in about two seconds.
    int frame = 0;
    RateLimiter.Verdict verdict;
    do {
      verdict = limiter.onFrame(frame++ * SECOND / 60);
    } while (verdict != DISCONNECT && frame < 100_000);
    assertEquals(DISCONNECT, verdict);
    double seconds = frame / 60.0;
    assertEquals(true, seconds > 2 && seconds < 6, "disconnected after " + seconds + " s");
  }
}
