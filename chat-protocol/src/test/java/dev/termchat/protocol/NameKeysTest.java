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
  })
  void aLookAlikeIsTheNameItImitates(String lookAlike, String name) {
    assertTrue(oneName(lookAlike, name), lookAlike + " / " + name + ": keys " + NameKeys.keyOf(lookAlike) + " / "
        + NameKeys.keyOf(name) + ", shapes " + NameKeys.shapeOf(lookAlike) + " / " + NameKeys.shapeOf(name));
  }

  @ParameterizedTest(name = "{0} is not {1}")
  @CsvSource({"bob, rob", "bob, bib", "alice, alicia", "mallory, malory", "[bob], bob", "Ωmega, omega", "björn, bjorn", "ana, anna"})
  void namesThatDifferStayApart(String a, String b) {
    assertFalse(oneName(a, b), a + " / " + b);
  }
}
