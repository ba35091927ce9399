package dev.termchat.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Names the server counts as one, as its registry does: the same key, or the same shape. The
 * look-alikes are literal, as an attacker typed them.
 */
class NameKeysTest {
  private static boolean oneName(String a, String b) {
    return NameKeys.keyOf(a).equals(NameKeys.keyOf(b)) || NameKeys.shapeOf(a).equals(NameKeys.shapeOf(b));
  }

  @ParameterizedTest(name = "{0} passes for {1}")
  @CsvSource({
    "ᏴᎾᏴ, BOB", // Cherokee capitals; NA has a thin bar through its O
    "ᏴᎾᏴ, bob",
    "ᎪᏞᎥᏟᎬ, ALICE", // Cherokee
    "ᎪᏞᎥᏟᎬ, alice",
    "ᎷᎾᎠ, MOD", // Cherokee
    "ᎻᎬᏞᏢ, HELP", // Cherokee
    "ꓐꓳꓐ, BOB", // Lisu
    "ꓮꓡꓲꓚꓰ, ALICE", // Lisu
    "ΒΟΒ, BOB", // Greek
    "ВОВ, BOB", // Cyrillic
    "ⲂⲞⲂ, BOB", // Coptic
    "ｍａｌｌｏｒｙ, mallory", // fullwidth
    "ｓｅｒｖｅｒ, server", // fullwidth, so a reserved name too
    "𝐦𝐚𝐥𝐥𝐨𝐫𝐲, mallory", // mathematical bold
    "ʙᴏʙ, bob", // small capitals
    "ʙᴏʙ, BOB",
    "ᴀʟɪᴄᴇ, alice", // small capitals
    "ꜱᴇʀᴠᴇʀ, server", // small capitals, so a reserved name too
    "ᴍᴀʟʟᴏʀʏ, mallory", // small capitals, M not a turned w
    "ᴮᴼᴮ, BOB", // modifier capitals
    "аlice, alice", // one Cyrillic a
    "aIice, alice", // a capital I for an l
    "b0b, bob", // a zero for an O
    // Marks that are no writing of the letter they sit on, as the attack typed them:
    "bob\uD81B\uDFE4, bob", // U+16FE4 KHITAN SMALL SCRIPT FILLER, a mark drawn as nothing
    "b\uD81B\uDFE4ob, bob",
    "dave\u302A, dave", // IDEOGRAPHIC LEVEL TONE MARK on a Latin letter
    "b\u0332ob, bob", // COMBINING LOW LINE
    "bo\u0338b, bob", // COMBINING LONG SOLIDUS OVERLAY
    "bob\u1DFF, bob", // COMBINING RIGHT ARROWHEAD AND DOWN ARROWHEAD BELOW
    "bob\u3099, bob", // the kana voicing mark on a Latin letter
    "bob\u05BC, bob", // HEBREW POINT DAGESH on a Latin letter
    "bob\u0ECB, bob", // LAO TONE MAI CATAWA
    "bob\u20DD, bob", // COMBINING ENCLOSING CIRCLE
    "bob\u0ACC, bob", // GUJARATI VOWEL SIGN AU, a spacing mark, on a Latin letter
    "bob\uD834\uDD7B, bob", // MUSICAL SYMBOL COMBINING ACCENT
    "bob0\u20E3, bob0", // COMBINING ENCLOSING KEYCAP
    "\u2764\uFE0Fbob, \u2764bob", // an emoji's variation selector
    "alice\u20142, alice-2", // EM DASH
    "alice\u20132, alice-2", // EN DASH
    "alice\u20102, alice-2", // HYPHEN
    "alice\u2E3A2, alice-2", // TWO-EM DASH
  })
  void aLookAlikeIsTheNameItImitates(String lookAlike, String name) {
    assertTrue(oneName(lookAlike, name), lookAlike + " / " + name + ": keys " + NameKeys.keyOf(lookAlike) + " / "
        + NameKeys.keyOf(name) + ", shapes " + NameKeys.shapeOf(lookAlike) + " / " + NameKeys.shapeOf(name));
  }

  @ParameterizedTest(name = "{0} is not {1}")
  @CsvSource({"bob, rob", "bob, bib", "alice, alicia", "mallory, malory", "[bob], bob", "Ωmega, omega", "björn, bjorn", "ana, anna",
    "josé, jose", // a Latin diacritic on a Latin letter is writing
    "がな, かな", // so is the kana voicing mark on kana
    "कुल, कल", // and a Devanagari vowel sign on a Devanagari letter
    "bob-2, bob2"})
  void namesThatDifferStayApart(String a, String b) {
    assertFalse(oneName(a, b), a + " / " + b);
  }
}
