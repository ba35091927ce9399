package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The names' colors in a 256-color terminal, measured: each readable on a black and on a white
 * background (WCAG's contrast ratio), and every two far apart (CIEDE2000, the CIE's color
 * difference, where about 2 is a difference one just notices). The figures README gives come
 * from here.
 */
class PaletteTest {
  /** The least contrast each color has with black and with white. */
  static final double MIN_CONTRAST = 3.5;
  /** The least difference between any two colors. */
  static final double MIN_DIFFERENCE = 19;

  @Test
  void everyNameColorIsReadableOnDarkAndLightBackgrounds() {
    for (int color : Palette.NAME_COLORS_256) {
      double luminance = luminance(rgb(color));
      double onBlack = (luminance + 0.05) / 0.05;
      double onWhite = 1.05 / (luminance + 0.05);
      assertTrue(Math.min(onBlack, onWhite) >= MIN_CONTRAST, color + ": " + onBlack + " on black, " + onWhite + " on white");
    }
  }

  @Test
  void everyTwoNameColorsAreFarApart() {
    List<String> close = new ArrayList<>();
    int[] colors = Palette.NAME_COLORS_256;
    for (int i = 0; i < colors.length; i++) {
      for (int j = i + 1; j < colors.length; j++) {
        double difference = ciede2000(lab(rgb(colors[i])), lab(rgb(colors[j])));
        if (difference < MIN_DIFFERENCE) {
          close.add(colors[i] + " and " + colors[j] + ": " + Math.round(difference * 10) / 10.0);
        }
      }
    }
    assertTrue(close.isEmpty(), "too alike: " + close);
  }

  /** An xterm color of the 6x6x6 cube (16 to 231) in sRGB, 0 to 255 each. */
  static int[] rgb(int color) {
    assertTrue(color >= 16 && color <= 231, "a color of the cube: " + color);
    int[] levels = {0, 95, 135, 175, 215, 255};
    int cube = color - 16;
    return new int[] {levels[cube / 36], levels[cube / 6 % 6], levels[cube % 6]};
  }

  private static double linear(int channel) {
    double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  /** Relative luminance, as WCAG defines it. */
  static double luminance(int[] rgb) {
    return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
  }

  /** CIE L*a*b*, D65. */
  static double[] lab(int[] rgb) {
    double r = linear(rgb[0]);
    double g = linear(rgb[1]);
    double b = linear(rgb[2]);
    double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    return new double[] {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
  }

  private static double f(double t) {
    return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
  }

  /** The CIEDE2000 color difference (Sharma, Wu and Dalal's formulation). */
  static double ciede2000(double[] one, double[] two) {
    double c1 = Math.hypot(one[1], one[2]);
    double c2 = Math.hypot(two[1], two[2]);
    double meanC7 = Math.pow((c1 + c2) / 2, 7);
    double g = 0.5 * (1 - Math.sqrt(meanC7 / (meanC7 + Math.pow(25, 7))));
    double a1 = (1 + g) * one[1];
    double a2 = (1 + g) * two[1];
    double c1p = Math.hypot(a1, one[2]);
    double c2p = Math.hypot(a2, two[2]);
    double h1p = c1p == 0 ? 0 : Math.toDegrees(Math.atan2(one[2], a1)) % 360 + (one[2] < 0 ? 360 : 0);
    double h2p = c2p == 0 ? 0 : Math.toDegrees(Math.atan2(two[2], a2)) % 360 + (two[2] < 0 ? 360 : 0);
    double dh = h2p - h1p;
    if (c1p * c2p == 0) {
      dh = 0;
    } else if (dh > 180) {
      dh -= 360;
    } else if (dh < -180) {
      dh += 360;
    }
    double dL = two[0] - one[0];
    double dC = c2p - c1p;
    double dH = 2 * Math.sqrt(c1p * c2p) * Math.sin(Math.toRadians(dh / 2));
    double meanL = (one[0] + two[0]) / 2;
    double meanCp = (c1p + c2p) / 2;
    double meanH;
    if (c1p * c2p == 0) {
      meanH = h1p + h2p;
    } else if (Math.abs(h1p - h2p) <= 180) {
      meanH = (h1p + h2p) / 2;
    } else {
      meanH = (h1p + h2p + (h1p + h2p < 360 ? 360 : -360)) / 2;
    }
    double t = 1 - 0.17 * Math.cos(Math.toRadians(meanH - 30)) + 0.24 * Math.cos(Math.toRadians(2 * meanH))
        + 0.32 * Math.cos(Math.toRadians(3 * meanH + 6)) - 0.20 * Math.cos(Math.toRadians(4 * meanH - 63));
    double rotation = 30 * Math.exp(-Math.pow((meanH - 275) / 25, 2));
    double meanCp7 = Math.pow(meanCp, 7);
    double rc = 2 * Math.sqrt(meanCp7 / (meanCp7 + Math.pow(25, 7)));
    double sl = 1 + 0.015 * Math.pow(meanL - 50, 2) / Math.sqrt(20 + Math.pow(meanL - 50, 2));
    double sc = 1 + 0.045 * meanCp;
    double sh = 1 + 0.015 * meanCp * t;
    double rt = -Math.sin(Math.toRadians(2 * rotation)) * rc;
    return Math.sqrt(Math.pow(dL / sl, 2) + Math.pow(dC / sc, 2) + Math.pow(dH / sh, 2) + rt * (dC / sc) * (dH / sh));
  }
}
