package dev.termchat.protocol;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * The key under which a name is unique: names with the same key count as the same name. Two
 * names share a key when they differ only in case (full Unicode case folding), in invisible
 * characters, in compatibility forms (fullwidth {@code ｂｏｂ}, mathematical {@code 𝐛𝐨𝐛}), in small
 * capitals ({@code ʙᴏʙ}), or in look-alike letters (Unicode's confusable skeletons, UTS #39), so
 * {@code alice}, {@code ALICE}, {@code аlice} with a Cyrillic {@code а} and {@code ᎪᏞᎥᏟᎬ} in
 * Cherokee letters are one name. Marks count only as writing: a mark of the script of the letter it
 * sits on ({@code ö} in {@code björn}, a Devanagari vowel sign, the kana voicing mark in {@code が})
 * tells names apart, but one that belongs to no script or to another ({@code b̲ob} with a
 * combining low line, {@code bob} with a Khitan filler or an ideographic tone mark drawn on nothing)
 * only decorates or hides, and counts for nothing; so do invisible characters (variation selectors).
 * Every dash is a hyphen ({@code alice—2} is {@code alice-2}). Thread-safe: ICU's spoof checker
 * and normalizers are immutable.
 */
public final class NameKeys {
  private static final SpoofChecker CHECKER =
      new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();
  private static final Normalizer2 NFKD = Normalizer2.getNFKDInstance();
  private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
  /**
   * The small capitals of the Latin letters, and the letters they are: Unicode's confusables leave
   * most of them alone ({@code ʙ} is no {@code b} there), yet they read as the capitals they are.
   */
  private static final String SMALL_CAPITALS =
      "\u1D00\u0299\u1D04\u1D05\u1D07\uA730\u0262\u029C\u026A\u1D0A\u1D0B\u029F\u1D0D"
          + "\u0274\u1D0F\u1D18\uA7AF\u0280\uA731\u1D1B\u1D1C\u1D20\u1D21\u028F\u1D22";
  private static final String SMALL_CAPITAL_LETTERS = "abcdefghijklmnopqrstuvwyz";
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

  /**
   * Whether two names count as one: they share a key or a shape, or the key of one is the shape
   * of the other ({@code ALICE} and {@code aIice} are each {@code alice}).
   */
  public static boolean same(String a, String b) {
    String keyA = keyOf(a);
    String shapeA = shapeOf(a);
    String keyB = keyOf(b);
    String shapeB = shapeOf(b);
    return keyA.equals(keyB) || shapeA.equals(shapeB) || keyA.equals(shapeB) || shapeA.equals(keyB);
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

  /**
   * Compatibility forms as what they stand for, small capitals as their letters, dashes as
   * hyphens, without invisible characters and marks that are not writing (see the class).
   * COMBINING SHORT STROKE OVERLAY, which skeletons put in letters with a bar through them
   * (Cherokee {@code Ꮎ} and Greek {@code Θ} are {@code O} and it), is no script's: a thin bar is
   * easily missed, and Cherokee capitals pass for Latin ones ({@code ᏴᎾᏴ} for {@code BOB}).
   */
  private static String plain(String name) {
    String decomposed = NFKD.normalize(name);
    StringBuilder plain = new StringBuilder(decomposed.length());
    int base = -1;
    for (int i = 0; i < decomposed.length(); ) {
      int c = decomposed.codePointAt(i);
      i += Character.charCount(c);
      int type = UCharacter.getType(c);
      if (type == UCharacter.NON_SPACING_MARK
          || type == UCharacter.ENCLOSING_MARK
          || type == UCharacter.COMBINING_SPACING_MARK) {
        if (writes(c, base)) {
          plain.appendCodePoint(c);
        }
        continue;
      }
      if (UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
        continue;
      }
      base = c;
      int smallCapital = SMALL_CAPITALS.indexOf(c);
      if (smallCapital >= 0) {
        plain.append(SMALL_CAPITAL_LETTERS.charAt(smallCapital));
      } else if (type == UCharacter.DASH_PUNCTUATION) {
        plain.append('-');
      } else {
        plain.appendCodePoint(c);
      }
    }
    return NFC.normalize(plain);
  }

  /**
   * Whether a mark is writing on the letter before it: a mark of that letter's script. A mark
   * with nothing before it stands for itself: no name starts with one ({@link NameRules}), and a
   * mark looked at alone is looked at for what it resembles (a visarga for a colon).
   */
  private static boolean writes(int mark, int base) {
    if (base < 0) {
      return true;
    }
    if (!UCharacter.isLetter(base)) {
      return false;
    }
    int script = UScript.getScript(base);
    return script != UScript.COMMON && script != UScript.INHERITED && UScript.hasScript(mark, script);
  }
}
