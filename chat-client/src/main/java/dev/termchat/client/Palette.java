package dev.termchat.client;

import dev.termchat.protocol.NameKeys;
import org.jline.utils.AttributedStyle;

/**
 * The styles of the chat's lines: each sender's name in a color of its own, the same every time
 * and on every screen, your own name in bold, notices and times in gray, the server's complaints
 * in yellow. The plain palette has no styles at all.
 */
final class Palette {
  /**
   * For terminals with 256 colors: ten from xterm's color cube, around the hue circle (brick, red,
   * rust, olive, green, teal, azure, indigo, violet, pink), each with a contrast of at least
   * 3.5:1 on black and on white alike, and every two at least 19 apart in CIEDE2000 (PaletteTest
   * measures both). The hues of the former twelve had pairs under 10 apart, and an orange at
   * 2.9:1 on white.
   */
  static final int[] NAME_COLORS_256 = {131, 196, 130, 100, 28, 30, 32, 61, 129, 199};
  /**
   * For 8 and 16 colors: the six plain ones, whose look is the terminal theme's to choose, as it
   * does for its own background. Their bright twins look too much like them (green and bright
   * green in one room of three); black, white and gray are kept for the rest.
   */
  private static final int[] NAME_COLORS_16 = {
    AttributedStyle.RED,
    AttributedStyle.GREEN,
    AttributedStyle.YELLOW,
    AttributedStyle.BLUE,
    AttributedStyle.MAGENTA,
    AttributedStyle.CYAN,
  };
  private static final AttributedStyle GRAY =
      AttributedStyle.DEFAULT.foreground(AttributedStyle.BLACK | AttributedStyle.BRIGHT);

  private final boolean colored;
  private final boolean manyColors;

  private Palette(boolean colored, boolean manyColors) {
    this.colored = colored;
    this.manyColors = manyColors;
  }

  /** Colors for a terminal with this many; 256 or more get the finer palette. */
  static Palette colored(int terminalColors) {
    return new Palette(true, terminalColors >= 256);
  }

  static Palette plain() {
    return new Palette(false, false);
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

  /** History, said before this client joined: all of it dim, names included. */
  AttributedStyle history() {
    return colored ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT;
  }

  /** The marker of a private message, which only two people see. */
  AttributedStyle privately() {
    return colored ? AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA) : AttributedStyle.DEFAULT;
  }

  /** A mention of your own name in someone's message. */
  AttributedStyle mention() {
    return colored ? AttributedStyle.BOLD.inverse() : AttributedStyle.DEFAULT;
  }

  /**
   * The color of a name: the same on every run and machine (String.hashCode is specified), and
   * the same for names that count as one (the same skeleton, so ALICE and alice agree).
   */
  int colorOf(String name) {
    int[] colors = manyColors ? NAME_COLORS_256 : NAME_COLORS_16;
    return colors[Math.floorMod(NameKeys.keyOf(name).hashCode(), colors.length)];
  }
}
