package dev.termchat.client.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Send-to-receive latencies, in microseconds, with HdrHistogram's three significant digits. */
final class LatencyRecorder {
  private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);

  void record(long nanos) {
    histogram.recordValue(Math.min(Math.max(0, nanos / 1000), histogram.getHighestTrackableValue()));
  }

  long count() {
    return histogram.getTotalCount();
  }

  /** The latency at the percentile (0 to 100), in milliseconds. */
  double percentileMillis(double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  double maxMillis() {
    return histogram.getMaxValue() / 1000.0;
  }
}
