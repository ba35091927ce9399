package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.utils.WCWidth;
import org.junit.jupiter.api.Test;

/** Columns counted as no common terminal exceeds. */
class ColumnsTest {
  private final Columns columns = new Columns(false);
  private final Columns eastAsian = new Columns(true);

  @Test
  void whatTerminalsDrawWideCountsTwo() {
    assertEquals(2, columns.of(0x1F3FB), "a skin-tone modifier alone, which JLine counts as none");
    assertEquals(2, columns.of(0x3248), "a circled number on a black square, which JLine counts as one");
    assertEquals(2, columns.of(0x4DC0), "a Yijing hexagram, wide in glibc");
    assertEquals(2, columns.of('李'));
    assertEquals(2, columns.of('Ａ'), "fullwidth");
    assertEquals(2, columns.of("😀"));
    assertEquals(2, columns.of("☺"), "pictographic, an emoji in some terminals");
    assertEquals(4, columns.of("🇫🇷"), "two regional indicators, apart in some terminals");
    assertEquals(4, columns.of("👋🏽"), "an emoji and its modifier, apart in tmux");
  }

  @Test
  void aSelectorOrKeycapThatMayMakeAnEmojiOfTheCharacterBeforeCountsOne() {
    assertEquals(3, columns.of("1\uFE0F\u20E3"));
    assertEquals(3, columns.of("☺\uFE0F"));
  }

  @Test
  void marksAndJoinersTakeNoRoomOfTheirOwn() {
    assertEquals(1, columns.of("e\u0301"));
    assertEquals(4, columns.of("👩\u200D💻"));
    assertEquals(0, columns.of(""));
    assertEquals(5, columns.of("hello"));
  }

  @Test
  void ambiguousLettersAndSignsCountTwoOnlyInAnEastAsianLocale() {
    for (String text : List.of("é", "я", "α", "“", "…", "①")) {
      assertEquals(1, columns.of(text), text);
      assertEquals(2, eastAsian.of(text), text);
    }
    assertEquals(1, eastAsian.of("a"));
    assertEquals(0, eastAsian.of("\u0301"), "a mark, though Ambiguous");
  }

  @Test
  void theLocaleIsTheFirstOfLcAllLcCtypeAndLangThatIsSet() {
    assertTrue(Columns.eastAsianLocale(Map.of("LANG", "ja_JP.UTF-8")));
    assertTrue(Columns.eastAsianLocale(Map.of("LC_CTYPE", "zh_CN.UTF-8", "LANG", "en_US.UTF-8")));
    assertTrue(Columns.eastAsianLocale(Map.of("LC_ALL", "ko")));
    assertFalse(Columns.eastAsianLocale(Map.of("LC_ALL", "C.UTF-8", "LANG", "ja_JP.UTF-8")));
    assertFalse(Columns.eastAsianLocale(Map.of("LC_ALL", "", "LANG", "kok_IN")), "Konkani");
    assertFalse(Columns.eastAsianLocale(Map.of()));
  }

  @Test
  void noPrintableCharacterCountsFewerColumnsThanJLineCountsIt() {
    List<String> fewer = new ArrayList<>();
    for (int codePoint = 0x20; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
      if (Printable.isSafe(codePoint) && columns.of(codePoint) < WCWidth.wcwidth(codePoint)) {
        fewer.add(Integer.toHexString(codePoint));
      }
    }
    assertEquals(List.of(), fewer);
  }

  @Test
  void aFitEndsBeforeTheCharacterThatWouldNotFitAndKeepsTheMarksOfTheLast() {
    assertEquals(2, columns.fit("ab李", 3));
    assertEquals(3, columns.fit("ab李", 4));
    assertEquals(3, columns.fit("ae\u0301b", 2));
    assertEquals(0, columns.fit("\uD83C\uDFFB", 1));
  }
}
