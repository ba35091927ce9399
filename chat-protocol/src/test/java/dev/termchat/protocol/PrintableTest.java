package dev.termchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrintableTest {
  @Test
  void ordinaryTextIsReturnedAsItIs() {
    String text = "héllo wörld, 你好, emoji \uD83D\uDE00 and <b>tags</b>";
    assertSame(text, Printable.escape(text));
  }

  static Stream<Arguments> attacks() {
    return Stream.of(
        Arguments.of("clear screen", "\u001b[2J\u001b[H", "^[[2J^[[H"),
        Arguments.of("window title (OSC)", "\u001b]0;pwned\u0007", "^[]0;pwned^G"),
        Arguments.of("newline spoofing", "hi\n[12:00] admin: x", "hi^J[12:00] admin: x"),
        Arguments.of("carriage return", "a\rb", "a^Mb"),
        Arguments.of("tab", "a\tb", "a    b"),
        Arguments.of("delete", "a\u007fb", "a^?b"),
        Arguments.of("C1 CSI", "a\u009b31mb", "a\\u009B31mb"),
        Arguments.of("NUL", "a\u0000b", "a^@b"),
        Arguments.of("bidi override", "abc\u202Etxt.exe", "abc\\u202Etxt.exe"),
        Arguments.of("bidi isolate", "a\u2066b", "a\\u2066b"),
        Arguments.of("zero width space", "ad\u200Bmin", "ad\\u200Bmin"),
        Arguments.of("zero width joiner between letters", "a\u200Db", "a\\u200Db"),
        Arguments.of("zero width non-joiner between emoji", "\uD83D\uDE00\u200C\uD83D\uDE00", "\uD83D\uDE00\\u200C\uD83D\uDE00"),
        Arguments.of("byte order mark", "\uFEFFx", "\\uFEFFx"),
        Arguments.of("line separator", "a\u2028b", "a\\u2028b"),
        Arguments.of("private use", "a\uE000b", "a\\uE000b"),
        Arguments.of("tag character", "a\uDB40\uDC41b", "a\\U000E0041b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void unsafeCharactersAreShownVisibly(String what, String text, String expected) {
    assertEquals(expected, Printable.escape(text), what);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", // family: man, woman, girl
        "\uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB", // technologist, medium skin tone
        "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08", // rainbow flag
        "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", // Persian "I want"
        "\u0915\u094D\u200C\u0937", // Devanagari half form
      })
  void joinersThatWritingNeedsAreKept(String text) {
    assertSame(text, Printable.escape(text));
  }

  @Test
  void joinersAnywhereElseAreEscaped() {
    assertEquals("ad\\u200Dmin", Printable.escape("ad\u200Dmin"));
    assertEquals("\\u200C\uD83D\uDE00", Printable.escape("\u200C\uD83D\uDE00"));
    assertEquals("\uD83D\uDE00\\u200D", Printable.escape("\uD83D\uDE00\u200D"));
  }

  @Test
  void loneSurrogateAndNullAreHandled() {
    assertEquals("x\\uD800y", Printable.escape("x\uD800y"));
    assertEquals("", Printable.escape(null));
  }
}
