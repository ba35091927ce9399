package dev.termchat.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

/** Checks on a help screen as an 80-column terminal shows it. */
public final class HelpText {
  /** A line that ends inside a number or an address: {@code ws://127.} or {@code ws://}. */
  private static final Pattern ENDS_MID_ADDRESS = Pattern.compile(".*(\\d\\.|://|[A-Za-z0-9]-)$");

  private HelpText() {}

  /** No line over 80 columns, and no number or address broken across two lines. */
  public static void assertFitsEightyColumns(String help) {
    List<String> lines = help.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      assertTrue(line.length() <= 80, "over 80 columns: " + line);
      String next = i + 1 < lines.size() ? lines.get(i + 1).strip() : "";
      assertTrue(
          !ENDS_MID_ADDRESS.matcher(line).matches() || next.isEmpty() || !Character.isLetterOrDigit(next.charAt(0)),
          "broken between lines:\n" + line + "\n" + next);
    }
  }
}
