package dev.termchat.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The options an extension frame carries in its {@code dataArray}, each {@code key=value}, as the
 * welcome frame names its capabilities ({@code rate=30}). A reader ignores the keys it does not
 * know, so either side can grow new ones.
 */
public final class Options {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private Options() {}

  /** A register's or a join's ask for this many earlier messages; none for the server's default. */
  public static List<String> history(OptionalInt count) {
    return count.isPresent() ? List.of(of(Wire.OPTION_HISTORY, count.getAsInt())) : List.of();
  }

  public static String of(String key, Object value) {
    return key + "=" + value;
  }

  /** The value of the first option with this key. */
  public static Optional<String> value(List<String> options, String key) {
    String prefix = key + "=";
    for (String option : options) {
      if (option.startsWith(prefix)) {
        return Optional.of(option.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }

  /** The values of every option with this key, in order. */
  public static List<String> values(List<String> options, String key) {
    String prefix = key + "=";
    List<String> values = new ArrayList<>();
    for (String option : options) {
      if (option.startsWith(prefix)) {
        values.add(option.substring(prefix.length()));
      }
    }
    return values;
  }

  /**
   * The value of the first option with this key, as a number: decimal digits alone, at most nine
   * (every count and rate of the protocol); empty when absent or not one, a sign ({@code -5},
   * {@code +16}) included.
   */
  public static OptionalInt number(List<String> options, String key) {
    Optional<String> value = value(options, key);
    if (value.isEmpty() || !DIGITS.matcher(value.get()).matches()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(value.get()));
  }
}
