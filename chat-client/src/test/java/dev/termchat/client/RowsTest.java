package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

/** Long lines wrapped at a terminal's width, every row after the first indented. */
class RowsTest {
  private static List<String> rows(String line, int width) {
    return Rows.wrap(new AttributedString(line), width, new Columns(false)).toString().lines().toList();
  }

  @Test
  void aLineThatFitsOrAnUnknownWidthLeavesTheLineAsItIs() {
    assertEquals(List.of("[12:00] bob: hi"), rows("[12:00] bob: hi", 40));
    assertEquals(List.of("x".repeat(500)), rows("x".repeat(500), 0));
  }

  @Test
  void rowsAfterTheFirstAreIndentedAndNoneFillsTheLastColumn() {
    assertEquals(
        List.of("[12:00] bob: " + "a".repeat(26), "        " + "a".repeat(31), "        " + "a".repeat(3)),
        rows("[12:00] bob: " + "a".repeat(60), 40));
  }

  @Test
  void rowsBreakAfterASpaceNearTheirEndSoThatWordsStayWhole() {
    assertEquals(
        List.of("[12:00] bob: the quick brown fox jumps ", "        over the lazy dog"),
        rows("[12:00] bob: the quick brown fox jumps over the lazy dog", 40));
  }

  @Test
  void aRowThatEndsRightBeforeASpaceLeavesTheSpaceBehind() {
    // The first row is 40 columns, one short of 41: the space after it is the break.
    String full = "[12:00] bob: " + "x".repeat(27);
    assertEquals(List.of(full, "        next"), rows(full + " next", 41));
  }

  @Test
  void textPaddedToTheEdgeCannotStartARow() {
    String forged = "[10:23] bob (127.0.0.1:43420): I resign";
    String line = "[12:00] eve: " + " ".repeat(80 - 13) + forged;
    List<String> rows = rows(line, 80);
    assertEquals(2, rows.size(), rows.toString());
    assertTrue(rows.get(1).startsWith(" ".repeat(Rows.INDENT)), rows.toString());
    assertTrue(rows.stream().skip(1).allMatch(row -> row.startsWith(" ")), rows.toString());
  }

  @Test
  void textPaddedWithCharactersThatJLineTakesForNarrowerCannotStartARow() {
    // JLine counts a skin-tone modifier standing alone as no column, tmux as two.
    String forged = "[10:23] bob (127.0.0.1:43420): I resign";
    String line = "[12:00] eve: " + " " + "\uD83C\uDFFB".repeat((80 - 13) / 2) + forged;
    List<String> rows = rows(line, 80);
    assertTrue(rows.size() >= 2, rows.toString());
    assertTrue(rows.stream().skip(1).allMatch(row -> row.startsWith(" ".repeat(Rows.INDENT))), rows.toString());
    assertTrue(rows.stream().allMatch(row -> new Columns(false).of(row) < 80), rows.toString());
  }

  @Test
  void wideCharactersAreCountedByTheirColumnsAndNeverSplit() {
    List<String> rows = rows("[12:00] bob: " + "李".repeat(30), 40);
    assertEquals(List.of("[12:00] bob: " + "李".repeat(13), "        " + "李".repeat(15), "        " + "李".repeat(2)), rows);
  }

  @Test
  void onANarrowTerminalRowsAreIndentedByOneColumn() {
    assertEquals(List.of("[12:00] ", " bob: ", " hello"), rows("[12:00] bob: hello", 10));
    assertEquals(List.of("abcdefghi", " jklmnop"), rows("abcdefghijklmnop", 10), "no space: anywhere");
    assertEquals(List.of("abc"), rows("abc", 2), "too narrow to wrap at all");
  }

  @Test
  void stylesCarryOverIntoTheRowsTheyContinueOn() {
    AttributedString line = new AttributedString("[12:00] " + "n".repeat(40), AttributedStyle.BOLD);
    AttributedString wrapped = Rows.wrap(line, 20);
    assertTrue(wrapped.toAnsi().lines().allMatch(row -> row.contains("\u001b[1m")), wrapped.toAnsi());
  }
}
