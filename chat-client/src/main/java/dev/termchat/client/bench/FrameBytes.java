package dev.termchat.client.bench;

import dev.termchat.protocol.Wire;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * Reading the server's frames as bytes, without decoding them: ten thousand clients' frames pass
 * through one thread, and the bench needs only a frame's type, a few numbers and the bench's own
 * names from them. The server's codec writes the type first, so a type is a prefix.
 */
final class FrameBytes {
  private FrameBytes() {}

  /** How a frame of this type starts. */
  static byte[] typePrefix(String type) {
    return ("{\"" + Wire.FIELD_MESSAGE_TYPE + "\":\"" + type + "\"").getBytes(StandardCharsets.US_ASCII);
  }

  private static final byte[] DATA_ARRAY = ("\"" + Wire.FIELD_DATA_ARRAY + "\":[").getBytes(StandardCharsets.US_ASCII);

  /** Names in a users list that start with the given letter. */
  static int countNames(byte[] bytes, int offset, int length, byte prefix) {
    int names = 0;
    for (int i = offset + 1; i < offset + length - 1; i++) {
      if (isNameStart(bytes, i, prefix)) {
        names++;
      }
    }
    return names;
  }

  /**
   * The number of each name in {@code dataArray} that is {@code prefix} and digits without a
   * leading zero ({@code b17} is 17, {@code b0} 0), in order; other names are passed over.
   */
  static void forEachNumberedName(byte[] bytes, int offset, int length, byte prefix, IntConsumer numbers) {
    int end = offset + length;
    for (int i = offset + 1; i < end - 1; i++) {
      if (!isNameStart(bytes, i, prefix)) {
        continue;
      }
      int at = i + 2;
      long value = 0;
      while (at < end && bytes[at] >= '0' && bytes[at] <= '9' && value <= Integer.MAX_VALUE) {
        value = value * 10 + (bytes[at] - '0');
        at++;
      }
      // c07 is no connection's name: the bench writes numbers without leading zeros.
      boolean canonical = at == i + 3 || bytes[i + 2] != '0';
      if (at > i + 2 && canonical && at < end && bytes[at] == '"' && value <= Integer.MAX_VALUE) {
        numbers.accept((int) value);
      }
      i = at;
    }
  }

  /** How many strings the frame's array holds: a users list's names, whatever they are. */
  static int countStrings(byte[] bytes, int offset, int length) {
    // From the array on: the keys before it, and a room's name, are strings too.
    int start = indexOf(bytes, offset, length, DATA_ARRAY);
    if (start < 0) {
      return 0;
    }
    int strings = 0;
    for (int i = start + DATA_ARRAY.length - 1; i < offset + length; i++) {
      if (bytes[i] == '"' && (bytes[i - 1] == '[' || bytes[i - 1] == ',')) {
        strings++;
      }
    }
    return strings;
  }

  /** An element of a JSON array of strings that starts with {@code prefix}. */
  private static boolean isNameStart(byte[] bytes, int i, byte prefix) {
    return bytes[i] == '"' && bytes[i + 1] == prefix && (bytes[i - 1] == '[' || bytes[i - 1] == ',');
  }

  static boolean startsWith(byte[] bytes, int offset, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Where {@code pattern} first starts, or -1. */
  static int indexOf(byte[] bytes, int offset, int length, byte[] pattern) {
    outer:
    for (int i = offset; i <= offset + length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The digits from {@code at} up to the first other byte; -1 when there are none. */
  static long number(byte[] bytes, int at, int end) {
    long value = 0;
    int i = at;
    while (i < end && bytes[i] >= '0' && bytes[i] <= '9' && value < Long.MAX_VALUE / 10) {
      value = value * 10 + (bytes[i] - '0');
      i++;
    }
    return i == at ? -1 : value;
  }
}
