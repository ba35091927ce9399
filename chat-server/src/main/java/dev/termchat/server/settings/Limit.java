package dev.termchat.server.settings;

/**
 * The values a numeric setting may take, in the units its option is given in, and how to say
 * so when one is outside them.
 *
 * @param min the least value allowed
 * @param max the greatest value allowed
 * @param orZero whether 0 is allowed besides {@code min} to {@code max} (the kernel's own sizing,
 *     for instance)
 * @param rule the limits as the error says them, e.g. {@code at least 1}
 * @param why why the least value is what it is, or empty
 */
public record Limit(long min, long max, boolean orZero, String rule, String why) {
  /** Any value its type takes. */
  public static final Limit ANY = new Limit(Long.MIN_VALUE, Long.MAX_VALUE, false, "", "");

  public static Limit atLeast(long min) {
    return new Limit(min, Long.MAX_VALUE, false, "at least " + min, "");
  }

  /** At least {@code min}, for the reason given. */
  public static Limit atLeast(long min, String why) {
    return new Limit(min, Long.MAX_VALUE, false, "at least " + min, why);
  }

  public static Limit between(long min, long max) {
    return new Limit(min, max, false, "between " + min + " and " + max, "");
  }

  /** 0 or more, in the unit named. */
  public static Limit zeroOrMore(String unit) {
    return new Limit(0, Long.MAX_VALUE, false, "0 or more " + unit, "");
  }

  /** 0, or from {@code min} to {@code max} in the unit named. */
  public static Limit zeroOrBetween(long min, long max, String unit) {
    return new Limit(min, max, true, "0 or between " + min + " and " + max + " " + unit, "");
  }

  public boolean allows(long value) {
    return (orZero && value == 0) || (value >= min && value <= max);
  }

  /** What is wrong with a value the limits do not allow, e.g. {@code --rate must be at least 1, not 0}. */
  public String problem(String name, long value) {
    return name + " must be " + rule + (why.isEmpty() ? ", not " : ", " + why + "; not ") + value;
  }
}
