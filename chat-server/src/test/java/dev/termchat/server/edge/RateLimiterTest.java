package dev.termchat.server.edge;

import static dev.termchat.server.edge.RateLimiter.Verdict.ALLOW;
import static dev.termchat.server.edge.RateLimiter.Verdict.DISCONNECT;
import static dev.termchat.server.edge.RateLimiter.Verdict.DROP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    // A burst and ten seconds of 1.25 times the rate: 60 + 375 frames at once.
    for (int i = 0; i < 435; i++) {
      verdicts.add(limiter.onFrame(0));
    }
    assertEquals(60, verdicts.stream().filter(ALLOW::equals).count());
    assertEquals(375, verdicts.stream().filter(DROP::equals).count());
    assertEquals(ALLOW, limiter.onFrame(2 * SECOND), "a quiet while refills the bucket");
  }

  @Test
  void theIssuesSixPipedLinesAtRate2Burst3AreDroppedNotDisconnected() {
    RateLimiter limiter = new RateLimiter(2, 3, 0);
    List<RateLimiter.Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      verdicts.add(limiter.onFrame(i * 1000L));
    }
    assertEquals(List.of(ALLOW, ALLOW, ALLOW, DROP, DROP, DROP), verdicts);
  }

  @Test
  void aFloodIsDisconnectedWithinItsFirstFewHundredFrames() {
    RateLimiter limiter = new RateLimiter(30, 60, 0);
    int frame = 0;
    while (limiter.onFrame(frame * 1000L) != DISCONNECT) {
      frame++;
    }
    assertEquals(435, frame);
  }

  @Test
  void sustainedSendingAtTwiceTheRateDisconnectsAfterSeconds() {
    RateLimiter limiter = new RateLimiter(30, 60, 0);
    // The excess over 1.25 times the rate, 22.5 a second, uses up 435 frames of patience.
    int frame = 0;
    while (limiter.onFrame(frame * SECOND / 60) != DISCONNECT) {
      frame++;
    }
    assertEquals(19.3, frame / 60.0, 0.2);
  }

  @Test
  void sendingAtOneAndAQuarterTimesTheRateIsNeverDisconnected() {
    RateLimiter limiter = new RateLimiter(30, 60, 0);
    for (int i = 1; i <= 20_000; i++) {
      assertTrue(limiter.onFrame(i * (long) (SECOND / 37.5)) != DISCONNECT, "frame " + i);
    }
  }
}
