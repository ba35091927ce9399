package dev.termchat.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  @Test
  void percentilesOfAKnownSpread() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int millis = 1; millis <= 100; millis++) {
      recorder.record(millis * 1_000_000L);
    }
    assertEquals(100, recorder.count());
    // HdrHistogram keeps three significant digits.
    assertEquals(50, recorder.percentileMillis(50), 0.1);
    assertEquals(90, recorder.percentileMillis(90), 0.1);
    assertEquals(99, recorder.percentileMillis(99), 0.1);
    assertEquals(100, recorder.maxMillis(), 0.1);
  }

  @Test
  void impossibleValuesAreClampedNotFatal() {
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.record(-5);
    recorder.record(Long.MAX_VALUE);
    assertEquals(2, recorder.count());
    assertEquals(0, recorder.percentileMillis(1), 0.001);
  }
}
