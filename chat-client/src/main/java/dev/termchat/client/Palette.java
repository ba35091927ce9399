package dev.termchat.client;

import java.util.Locale;
import org.jline.utils.AttributedStyle;

/**
 * The styles of the chat's lines: each sender's name in a color of its own, the same every time
 * and on every screen, your own name in bold, notices and times in gray, the server's complaints
 * in yellow. The plain palette has no styles at all.
 */
final class Palette {
  /** Readable on dark and light backgrounds alike; no black, white or gray, kept for the rest. */
  private static final int[] NAME_COLORS = {
    AttributedStyle.RED,
    AttributedStyle.GREEN,
    AttributedStyle.YELLOW,
    AttributedStyle.BLUE | AttributedStyle.BRIGHT,
    AttributedStyle.MAGENTA,
    AttributedStyle.CYAN,
    AttributedStyle.RED | AttributedStyle.BRIGHT,
    AttributedStyle.GREEN | AttributedStyle.BRIGHT,
    AttributedStyle.MAGENTA | AttributedStyle.BRIGHT,
    AttributedStyle.CYAN | AttributedStyle.BRIGHT,
  };
  private static final AttributedStyle GRAY =
      AttributedStyle.DEFAULT.foreground(AttributedStyle.BLACK | AttributedStyle.BRIGHT);

  private final boolean colored;

  private Palette(boolean colored) {
    this.colored = colored;
  }

  static Palette colored() {
    return new Palette(true);
  }

  static Palette plain() {
    return new Palette(false);
  }

  boolean isColored() {
    return colored;
  }

  AttributedStyle time() {
    return colored ? GRAY : AttributedStyle.DEFAULT;
  }

  AttributedStyle notice() {
    return colored ? GRAY : AttributedStyle.DEFAULT;
  }

  AttributedStyle warning() {
    return colored ? AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW) : AttributedStyle.DEFAULT;
  }

  AttributedStyle address() {
    return colored ? GRAY : AttributedStyle.DEFAULT;
  }

  AttributedStyle name(String name, boolean own) {
    if (!colored) {
      return AttributedStyle.DEFAULT;
    }
    return own ? AttributedStyle.BOLD : AttributedStyle.DEFAULT.foreground(colorOf(name));
  }

  /** The same name gets the same color on every run and machine: String.hashCode is specified. */
  static int colorOf(String name) {
    int hash = name.toLowerCase(Locale.ROOT).hashCode();
    return NAME_COLORS[Math.floorMod(hash, NAME_COLORS.length)];
  }
}
