package dev.termchat.client.bench;

import java.time.Duration;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A number of seconds from the command line, as a duration. */
final class Seconds {
  /** A day: past any run, and far from where a long of nanoseconds overflows. */
  static final double MAX = 86_400;

  /** A decimal number (2, +2, 2.5, .5, 5.): not Java's 1d, 0x10, 1e3, NaN or Infinity. */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?0*([0-9]{1,12}\\.?[0-9]{0,9}|\\.[0-9]{1,9})");

  private Seconds() {}

  /** For an option's value: a decimal number of seconds, at most a day. */
  static final class Converter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double seconds = DECIMAL.matcher(value).matches() ? Double.parseDouble(value) : Double.NaN;
      if (Double.isNaN(seconds) || seconds > MAX) {
        throw new TypeConversionException("'" + value + "' is not a number of seconds up to " + (long) MAX + " (at most 9 decimals)");
      }
      return seconds;
    }
  }

  /**
   * @param option the option's name, for the error
   * @throws IllegalArgumentException for no number at all (NaN), infinity or more than a day; a
   *     negative one is left to the options' own checks
   */
  static Duration of(String option, double value) {
    if (Double.isNaN(value) || value > MAX) {
      throw new IllegalArgumentException(option + " must be a number of seconds up to " + (long) MAX + ", not " + value);
    }
    return Duration.ofNanos(Math.round(Math.max(value, -MAX) * 1e9));
  }
}
