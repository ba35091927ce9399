package dev.termchat.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttle, on a clock the test turns. */
class LogThrottleTest {
  private final AtomicLong now = new AtomicLong();
  private final List<String> summaries = new ArrayList<>();
  private final LogThrottle throttle = new LogThrottle(3, "dropped frames", summaries::add, now::get);

  private int allowedOf(int lines) {
    int allowed = 0;
    for (int i = 0; i < lines; i++) {
      if (throttle.allow()) {
        allowed++;
      }
    }
    return allowed;
  }

  @Test
  void letsTheAllowanceThroughEachSecondAndSumsUpTheRest() {
    assertEquals(3, allowedOf(1000));
    assertEquals(List.of(), summaries);

    now.addAndGet(1_000_000_000L);
    assertEquals(3, allowedOf(10));
    assertEquals(List.of("997 more dropped frames not logged in the second before"), summaries);

    now.addAndGet(1_000_000_000L);
    assertEquals(1, allowedOf(1));
    assertEquals(2, summaries.size());
  }
}
