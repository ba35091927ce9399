package dev.termchat.server.room;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.SpoofChecker;

/**
 * The key under which a name is unique: names with the same key count as the same name. Two
 * names share a key when they differ only in case (full Unicode case folding) or look alike
 * (Unicode's confusable skeletons, UTS #39), so {@code alice}, {@code ALICE} and {@code аlice}
 * with a Cyrillic {@code а} are one name.
 */
final class NameKeys {
  private final SpoofChecker checker =
      new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();

  String keyOf(String name) {
    return checker.getSkeleton(UCharacter.foldCase(name, true));
  }
}
