package dev.termchat.client.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The one message of a {@code connections} run: it carries the wall-clock time it was sent, so
 * that every part, in whatever process on the machine, times it from the same instant.
 */
final class Probe {
  /** What the message says before the microseconds since the epoch at which it was sent. */
  static final String PREFIX = "bench-probe ";
  private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);

  private Probe() {}

  /** The message's text, sent at this time. */
  static String text(long sentMicros) {
    return PREFIX + sentMicros;
  }

  /** The send time a probe message carries, read from the frame's bytes, or -1 for any other message. */
  static long sentMicros(byte[] bytes, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i + PREFIX_BYTES.length <= end; i++) {
      if (Arrays.equals(bytes, i, i + PREFIX_BYTES.length, PREFIX_BYTES, 0, PREFIX_BYTES.length)) {
        long micros = 0;
        int digit = i + PREFIX_BYTES.length;
        for (; digit < end && bytes[digit] >= '0' && bytes[digit] <= '9'; digit++) {
          micros = micros * 10 + (bytes[digit] - '0');
        }
        return digit > i + PREFIX_BYTES.length ? micros : -1;
      }
    }
    return -1;
  }
}
