package dev.termchat.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far apart two sRGB colours are to an eye: WCAG 2's contrast ratio, for text on its
 * background, and CIELAB's ΔE (1976), for two colours told apart.
 */
public final class Colours {
  private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)(?:, ([0-9.]+))?\\)");

  private Colours() {}

  /** A colour as a browser's computed style gives it, {@code rgb(R, G, B)}, opaque. */
  public static int[] rgb(String computed) {
    Matcher matcher = RGB.matcher(computed);
    if (!matcher.matches() || (matcher.group(4) != null && Double.parseDouble(matcher.group(4)) < 1)) {
      throw new IllegalArgumentException("not an opaque rgb() colour: " + computed);
    }
    return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))};
  }

  public static double contrast(int[] one, int[] other) {
    double a = luminance(one) + 0.05;
    double b = luminance(other) + 0.05;
    return Math.max(a, b) / Math.min(a, b);
  }

  public static double deltaE(int[] one, int[] other) {
    double[] a = lab(one);
    double[] b = lab(other);
    return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
  }

  private static double linear(int channel) {
    double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  private static double luminance(int[] rgb) {
    return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
  }

  /** CIELAB under D65. */
  private static double[] lab(int[] rgb) {
    double r = linear(rgb[0]);
    double g = linear(rgb[1]);
    double b = linear(rgb[2]);
    double x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
    double y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
    double z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
    return new double[] {116 * y - 16, 500 * (x - y), 200 * (y - z)};
  }

  private static double f(double t) {
    return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
  }
}
