package dev.termchat.protocol;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * The key under which a name is unique: names with the same key count as the same name. Two
 * names share a key when they differ only in case (full Unicode case folding), in invisible
 * characters, in compatibility forms (fullwidth {@code ｂｏｂ}, mathematical {@code 𝐛𝐨𝐛}), in small
 * capitals ({@code ʙᴏʙ}), or in look-alike letters (Unicode's confusable skeletons, UTS #39), so
 * {@code alice}, {@code ALICE}, {@code аlice} with a Cyrillic {@code а} and {@code ᎪᏞᎥᏟᎬ} in
 * Cherokee letters are one name. Thread-safe: ICU's spoof checker and normalizer are immutable.
 */
public final class NameKeys {
  private static final SpoofChecker CHECKER =
      new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  /**
   * The small capitals of the Latin letters, and the letters they are: Unicode's confusables leave
   * most of them alone ({@code ʙ} is no {@code b} there), yet they read as the capitals they are.
   */
  private static final String SMALL_CAPITALS =
      "\u1D00\u0299\u1D04\u1D05\u1D07\uA730\u0262\u029C\u026A\u1D0A\u1D0B\u029F\u1D0D"
          + "\u0274\u1D0F\u1D18\uA7AF\u0280\uA731\u1D1B\u1D1C\u1D20\u1D21\u028F\u1D22";
  private static final String SMALL_CAPITAL_LETTERS = "abcdefghijklmnopqrstuvwyz";
  /**
   * COMBINING SHORT STROKE OVERLAY, in the skeletons of letters with a bar through them: Cherokee
   * {@code Ꮎ} and Greek {@code Θ} are {@code O} and it, {@code đ} is {@code d} and it. A thin bar
   * is easily missed, and Cherokee capitals pass for Latin ones ({@code ᏴᎾᏴ} for {@code BOB}).
   */
  private static final char STROKE_OVERLAY = '\u0335';
  /**
   * Skeletons can make what folding changes again (Cherokee {@code Ꭺ} becomes a Latin capital
   * {@code A}), and folding what the skeleton changes; a few rounds settle every name seen.
   */
  private static final int MAX_ROUNDS = 4;

  private NameKeys() {}

  public static String keyOf(String name) {
    return settled(UCharacter.foldCase(plain(name), true));
  }

  /**
   * What a name looks like, case kept: the skeleton before case folding, then folded. The key
   * folds first, so it misses look-alikes that only case makes: a capital {@code I} is an
   * {@code l} in most fonts ({@code aIice}), a zero an {@code O} ({@code b0b}). Two names with the
   * same shape count as the same name too; the key alone keeps {@code ALICE} and {@code alice}
   * one name, whose shapes differ.
   */
  public static String shapeOf(String name) {
    return settled(CHECKER.getSkeleton(plain(name)));
  }

  /** Skeleton and case folding in turn, until neither changes the name (or a few rounds passed). */
  private static String settled(String name) {
    String settled = name;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      String next = UCharacter.foldCase(plain(CHECKER.getSkeleton(settled)), true);
      if (next.equals(settled)) {
        break;
      }
      settled = next;
    }
    return settled;
  }

  /** Compatibility forms as what they stand for, small capitals as their letters, no stroke overlays. */
  private static String plain(String name) {
    String compatible = NFKC.normalize(name);
    StringBuilder plain = new StringBuilder(compatible.length());
    for (int i = 0; i < compatible.length(); i++) {
      char c = compatible.charAt(i);
      int smallCapital = SMALL_CAPITALS.indexOf(c);
      if (smallCapital >= 0) {
        plain.append(SMALL_CAPITAL_LETTERS.charAt(smallCapital));
      } else if (c != STROKE_OVERLAY) {
        plain.append(c);
      }
    }
    return plain.toString();
  }
}
