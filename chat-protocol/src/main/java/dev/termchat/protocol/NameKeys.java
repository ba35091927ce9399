package dev.termchat.protocol;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.SpoofChecker;

/**
 * The key under which a name is unique: names with the same key count as the same name. Two
 * names share a key when they differ only in case (full Unicode case folding), in invisible
 * characters, or in look-alike letters (Unicode's confusable skeletons, UTS #39), so
 * {@code alice}, {@code ALICE} and {@code аlice} with a Cyrillic {@code а} are one name.
 * Thread-safe: ICU's spoof checker is immutable once built.
 */
public final class NameKeys {
  private static final SpoofChecker CHECKER =
      new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();

  private NameKeys() {}

  public static String keyOf(String name) {
    return CHECKER.getSkeleton(UCharacter.foldCase(name, true));
  }

  /**
   * What a name looks like, case kept: the skeleton before case folding, then folded. The key
   * folds first, so it misses look-alikes that only case makes: a capital {@code I} is an
   * {@code l} in most fonts ({@code aIice}), a zero an {@code O} ({@code b0b}). Two names with the
   * same shape count as the same name too; the key alone keeps {@code ALICE} and {@code alice}
   * one name, whose shapes differ.
   */
  public static String shapeOf(String name) {
    return CHECKER.getSkeleton(UCharacter.foldCase(CHECKER.getSkeleton(name), true));
  }
}
