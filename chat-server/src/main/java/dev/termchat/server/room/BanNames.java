package dev.termchat.server.room;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import dev.termchat.protocol.NameKeys;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The forms under which a name ban holds: a name is banned when one of its forms is one of the
 * banned name's. The forms are those names compare by ({@link NameKeys}: key and shape, so case,
 * invisible characters and look-alike letters aside, as two names are one), and more, since a
 * ban that a small change gets past is none, while two people's names must stay apart: the name
 * without the accents on its Latin, Greek and Cyrillic letters ({@code bob} with U+0301 on its
 * last letter is {@code bob} to a ban, though a name of its own), and the shape of its capitals,
 * which catches lower-case letters that Unicode's look-alikes map to nothing but whose capitals
 * are mapped ({@code ƅ}, U+0185, is its own; its capital {@code Ƅ} is a {@code b}). Thread-safe.
 */
final class BanNames {
  private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
  private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

  private BanNames() {}

  /**
   * The forms of the name, made once when first asked for: a join asks only when a ban of a name
   * is there to compare, so that a server without one spends nothing on ICU's look-ups.
   *
   * @param name {@code null} for none yet (a guest's), whose forms are {@code null}
   */
  static Supplier<Set<String>> lazily(String name) {
    return new Supplier<>() {
      /** Confined to the thread that asks, the room's. */
      private Set<String> forms;

      @Override
      public Set<String> get() {
        if (forms == null && name != null) {
          forms = formsOf(name);
        }
        return forms;
      }
    };
  }

  /** Every form of the name a ban compares. */
  static Set<String> formsOf(String name) {
    Set<String> forms = new HashSet<>();
    for (String each : List.of(name, unaccented(name))) {
      for (String form : List.of(NameKeys.keyOf(each), NameKeys.shapeOf(each), NameKeys.shapeOf(UCharacter.toUpperCase(Locale.ROOT, each)))) {
        forms.add(form);
        forms.add(unaccented(form)); // A look-alike's skeleton may hold a mark of its own (ƃ is b and a macron).
      }
    }
    return forms;
  }

  /**
   * The name without the marks that sit on Latin, Greek or Cyrillic letters (or on digits and
   * other characters of no script), which only decorate them; marks of other scripts are
   * writing (a Devanagari vowel sign, the kana voicing mark) and stay.
   */
  static String unaccented(String name) {
    String decomposed = NFD.normalize(name);
    StringBuilder plain = new StringBuilder(decomposed.length());
    int base = -1;
    for (int i = 0; i < decomposed.length(); ) {
      int c = decomposed.codePointAt(i);
      i += Character.charCount(c);
      int type = UCharacter.getType(c);
      boolean mark = type == UCharacter.NON_SPACING_MARK || type == UCharacter.ENCLOSING_MARK;
      if (!mark) {
        base = c;
      } else if (base >= 0 && decorates(base)) {
        continue;
      }
      plain.appendCodePoint(c);
    }
    return NFC.normalize(plain);
  }

  private static boolean decorates(int base) {
    int script = UScript.getScript(base);
    return script == UScript.LATIN || script == UScript.GREEK || script == UScript.CYRILLIC
        || script == UScript.COMMON || script == UScript.INHERITED;
  }
}
