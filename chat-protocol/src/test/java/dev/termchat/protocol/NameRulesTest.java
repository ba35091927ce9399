package dev.termchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameRulesTest {
  @ParameterizedTest
  @ValueSource(strings = {"[#ops] alice", "#dev", "bob#2", "[\uFF03ops] alice", "[\uFE5Fops] alice", "[\u266Fops] alice",
      "[\u2317ops] bob", "[\u22D5dev] carol", "\u2A69", "\u256A"})
  void nothingThatPassesForARoomsTagMayBeInAName(String name) {
    Optional<String> problem = NameRules.problem(NameRules.normalize(name));
    assertTrue(problem.isPresent(), name);
    assertTrue(problem.get().contains("could pass for a room's tag"), problem.get());
  }

  @Test
  void normalizationTrimsAndComposes() {
    assertEquals("alice", NameRules.normalize("  alice\t"));
    // e + combining acute accent becomes the single precomposed character.
    assertEquals("\u00e9mile", NameRules.normalize("e\u0301mile"));
    assertNull(NameRules.normalize(null));
    assertNull(NameRules.normalize(" \t "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "Alice Smith", "zoë", "李小龍", "x", "o'brien-2", "\uD83D\uDE00 smiley"})
  void ordinaryNamesAreFine(String name) {
    assertEquals(Optional.empty(), NameRules.problem(NameRules.normalize(name)));
  }

  @Test
  void thirtyTwoCharactersIsTheMostCountingCodePoints() {
    assertEquals(Optional.empty(), NameRules.problem("a".repeat(32)));
    assertEquals(Optional.empty(), NameRules.problem("\uD83D\uDE00".repeat(32)));
    assertEquals(
        Optional.of("a name is at most 32 characters, not 33"), NameRules.problem("a".repeat(33)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ad\u200Bmin", // zero-width space
        "ad\u200Dmin", // zero-width joiner
        "abc\u202Egnp", // right-to-left override
        "a\u2066b", // left-to-right isolate
        "a\u001b[31mb", // escape sequence
        "a\nb",
        "a\u0085b", // C1 next line
        "a\u00a0b", // no-break space
        "a\u3000b", // ideographic space
        "\uFEFFalice", // byte order mark
      })
  void invisibleAndControlCharactersAreRefused(String name) {
    Optional<String> problem = NameRules.problem(name);
    assertTrue(problem.isPresent(), name);
    assertTrue(problem.get().startsWith("a name may not contain"), problem.get());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u3164", // Hangul filler
        "\u115F\u115F", // Hangul choseong filler
        "\uFFA0", // halfwidth Hangul filler
        "\u2800\u2800", // blank Braille pattern
        "alice\u2800",
        "carol\uD834\uDD59", // MUSICAL SYMBOL NULL NOTEHEAD, drawn as nothing
        "\uD834\uDD59",
        "alice\u3164",
        "\u0301\u0301\u0301", // combining marks alone
        "\u0301alice",
        "a\u034Fb", // combining grapheme joiner, invisible
        "bob\uFE0F", // a variation selector after a letter, which has no variants
        "a\uFE0E1",
        "zed\uDB40\uDD00", // an ideographic variation selector after a Latin letter
      })
  void namesThatPrintBlankOrHideCharactersAreRefused(String name) {
    assertTrue(NameRules.problem(name).isPresent(), name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u2764\uFE0F", "bob \u2764\uFE0F", "Ren\u00e9e", "n\u0303o",
        "\uD83D\uDC69\u200D\uD83D\uDCBB", // woman technologist: an emoji joined with U+200D
        "\u0430\u043b\u0438\u0441\u0430", // алиса, all Cyrillic
        "\u5c71\u7530\u305f\u308d\u3046 Taro", // Han, Hiragana and Latin, as Japanese is written
        "Alice Smith",
        "\u845b\uDB40\uDD00", // a Han ideograph with its registered variant selector
        "1\uFE0F\u20E3", // keycap one
      })
  void emojiWithTheirVariationSelectorAndAccentsAreFine(String name) {
    assertEquals(Optional.empty(), NameRules.problem(name), name);
  }

  @Test
  void lettersOfScriptsThatPassForEachOtherAreNotMixed() {
    assertEquals(
        Optional.of("a name may not mix Cyrillic and Latin letters, which can pass for each other"),
        NameRules.problem("\u0430lice"));
    assertTrue(NameRules.problem("\u03bfk").isPresent(), "Greek omicron with Latin k");
  }

  @Test
  void runsOfSpacesAreOneSpace() {
    assertEquals("a b", NameRules.normalize("a   b"));
  }

  @Test
  void aJoinerOutsideAnEmojiOrAScriptThatJoinsIsStillRefused() {
    assertTrue(NameRules.problem("ad\u200Dmin").isPresent());
    assertTrue(NameRules.problem("ad\u200Cmin").isPresent());
    // Persian writes "mi-khaham" with a non-joiner between the prefix and the verb.
    assertEquals(Optional.empty(), NameRules.problem("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"));
  }

  @Test
  void aVeryLongNameIsRefusedAsTooLongWithoutBeingNormalized() {
    String huge = "a" + "\u0301\u0316".repeat(16_000);
    assertEquals(huge, NameRules.normalize(huge), "left as it is");
    assertEquals(Optional.of("a name is at most 32 characters"), NameRules.problem(huge));
  }

  @ParameterizedTest
  @ValueSource(strings = {"server", "SYSTEM", "System", "guest-admin", "Guest-", "guest-12"})
  void reservedNamesAndTheGuestPrefixAreRefused(String name) {
    assertTrue(NameRules.problem(name).isPresent(), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"guest-1234", "guest-123456", "guests", "guest", "servers", "my server"})
  void guestNamesAndNamesMerelyNearReservedOnesAreFine(String name) {
    assertEquals(Optional.empty(), NameRules.problem(name), name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bob (127.0.0.1:43420)", // a name and an address
        "bob: I resign", // a name and the start of a message
        "a(b", "a)b", "a:b",
        "bob \uFF08127.0.0.1\uFF1A1\uFF09", // fullwidth ( : )
        "bob \u2768x\u2769", // parenthesis ornaments
        "bob\u2236 hi", // ratio
        "bob\uA789 hi", // modifier letter colon
        "bob\u02D0 hi", // triangular colon
        "bob\uFE59x\uFE5A", // small parentheses
        "bob\u207Dx\u207E", // superscript parentheses
        "bob\u2474", // parenthesized digit one
        "bob\u0903 hi", // a Devanagari visarga after a Latin letter
        "\u092C\u0903 I resign", // a visarga after a Devanagari letter, before a space
        "bob \u27EE127.0.0.1\u27EF", // flattened parentheses
        "bob \u2985x\u2986", // white parentheses
        "bob\u0F3Ax\u0F3B", // Tibetan brackets
        "bob\u169Bx\u169C", // Ogham feather marks
        "bob\uFE5Dx\uFE5E", // small tortoise shell brackets
        "bob\u239Bx\u239E", // parenthesis hooks
        "bob\u23DC", // top parenthesis
        "bob\u1ABB", // combining parentheses above
        "\u27E610.23\u27E7 bob", // white square brackets
        "\u301010.23\u3011 bob", // lenticular brackets
        "\u2045bob\u2046", // square brackets with quill
        "\u2308bob\u230B", // ceiling and floor
        "\uFE47bob\uFE48", // vertical square brackets
        "\u2774bob\u2775", // curly bracket ornaments
      })
  void nothingThatFramesASenderInALineMayBeInAName(String name) {
    Optional<String> problem = NameRules.problem(NameRules.normalize(name));
    assertTrue(problem.isPresent(), name);
    assertTrue(problem.get().contains("would read as a name and an address"), problem.get());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0926\u0941\u0903\u0916", "\u0905\u0924\u0903", "\u0928\u093F\u0903\u0936\u0902\u0915", "[bob]", "{bob}", "bob-2", "o'brien", "<bob>"})
  void aVisargaInsideAWordOfItsScriptAndOtherPunctuationAreFine(String name) {
    assertEquals(Optional.empty(), NameRules.problem(NameRules.normalize(name)), name);
  }
}
