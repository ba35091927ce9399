package dev.termchat.server.settings;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One setting of the server, declared once: the command line, the server's configuration, the
 * edge's and the room's settings and README's option table all follow from it.
 *
 * @param option its name on the command line, e.g. {@code --rate}
 * @param label what its value is called in help, e.g. {@code N}; empty for a flag
 * @param type the type of its value; a {@link Duration} is given, shown and limited in whole
 *     seconds
 * @param defaultValue what it is when not given, or null when it has none or the server works
 *     it out (for example from the heap), as its help then says
 * @param environment the environment variable read when the option is not given, or null;
 *     there, unlike on a command line, a password cannot be seen in {@code ps}
 * @param limit the values it may take, for a number
 * @param repeatable whether it may be given more than once, each time adding a value
 * @param help its description in {@code --help}, a line each; {@code ${DEFAULT-VALUE}} stands
 *     for the default
 */
public record Setting<T>(
    String option,
    String label,
    Class<T> type,
    T defaultValue,
    String environment,
    Limit limit,
    boolean repeatable,
    List<String> help) {

  public Setting {
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(limit, "limit");
    help = List.copyOf(help);
  }

  /** A value with a default, within limits. */
  static <T> Setting<T> of(String option, String label, Class<T> type, T defaultValue, Limit limit, String... help) {
    return new Setting<>(option, label, type, defaultValue, null, limit, false, List.of(help));
  }

  /** A value any of its type may be; {@code defaultValue} null for none. */
  static <T> Setting<T> of(String option, String label, Class<T> type, T defaultValue, String... help) {
    return of(option, label, type, defaultValue, Limit.ANY, help);
  }

  /** A number of bytes. */
  static Setting<Long> bytes(String option, Long defaultValue, Limit limit, String... help) {
    return of(option, "BYTES", Long.class, defaultValue, limit, help);
  }

  /** A time, given in seconds. */
  static Setting<Duration> seconds(String option, Duration defaultValue, Limit limit, String... help) {
    return of(option, "SECONDS", Duration.class, defaultValue, limit, help);
  }

  /** An option without a value, off unless given. */
  static Setting<Boolean> flag(String option, String... help) {
    return of(option, "", Boolean.class, false, help);
  }

  /** The same setting, read from an environment variable when the option is not given. */
  Setting<T> orEnvironment(String variable) {
    return new Setting<>(option, label, type, defaultValue, variable, limit, repeatable, help);
  }

  /** The same setting, which may be given more than once. */
  Setting<T> repeated() {
    return new Setting<>(option, label, type, defaultValue, environment, limit, true, help);
  }

  public boolean isFlag() {
    return label.isEmpty();
  }

  /** The value as the command line gives it: a time in seconds, anything else as it prints. */
  public String shown(T value) {
    return value instanceof Duration time ? Long.toString(time.toSeconds()) : String.valueOf(value);
  }

  /**
   * What is wrong with a value outside the limits, e.g. {@code --rate must be at least 1, not 0};
   * empty for one within them, and for no value.
   */
  public Optional<String> problem(T value) {
    if (value == null || limit == Limit.ANY) {
      return Optional.empty();
    }
    long magnitude = value instanceof Duration time ? wholeSeconds(time) : ((Number) value).longValue();
    return limit.allows(magnitude) ? Optional.empty() : Optional.of(limit.problem(option, magnitude));
  }

  /** Throws what {@link #problem} says, for a value set by a program rather than a person. */
  public T require(T value) {
    problem(value).ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
    return value;
  }

  /** {@link #problem} for a value known to be of this setting's type, as a command line gives it. */
  public Optional<String> problemOf(Object value) {
    return limit == Limit.ANY ? Optional.empty() : problem(type.cast(value));
  }

  /** {@link #require} for a value known to be of this setting's type. */
  public void requireWithin(Object value) {
    require(type.cast(value));
  }

  /**
   * A time in seconds, a part of one counted as a whole, so that a program (a test) may ask for
   * less than a second where the command line's least is 1; a negative time stays negative.
   */
  private static long wholeSeconds(Duration time) {
    if (time.isNegative()) {
      return Math.min(-1, time.getSeconds());
    }
    return time.getNano() > 0 ? time.getSeconds() + 1 : time.getSeconds();
  }

  @Override
  public String toString() {
    return option;
  }
}
