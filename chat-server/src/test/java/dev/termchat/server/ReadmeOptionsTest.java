package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * README's table of the server's options says what {@code chat-server --help} says: every option
 * in the same order, its default, and its help, a row each. The table is kept by hand; when this
 * fails, its message is the table as it should be.
 */
class ReadmeOptionsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String HEADER = "| option | default | meaning |";
  /** Wide enough that no description wraps: a line of help is a line of the table's cell. */
  private static final int WIDTH = 1000;
  /** An option's first line: its names, its value's label, and its description's first line. */
  private static final Pattern OPTION = Pattern.compile("^ {2}((?:-\\w, )?--[\\w-]+|    --[\\w-]+)(=\\S+)? {2,}(.*)$");
  private static final Pattern DEFAULT = Pattern.compile(" \\(default: ([^()]*)\\)");

  @Test
  void readmesOptionTableIsWhatHelpSays() throws IOException {
    List<String> expected = rows(help());
    List<String> actual = readmeRows();
    assertEquals(
        String.join("\n", expected),
        String.join("\n", actual),
        "README.md's option table, as --help has it:\n" + HEADER + "\n| --- | --- | --- |\n" + String.join("\n", expected) + "\n");
  }

  @Test
  void everyOptionHasARow() throws IOException {
    List<String> rows = rows(help());
    // A check on the parsing above: the catalog's options and picocli's two are all there.
    assertEquals(dev.termchat.server.settings.ServerSettings.ALL.size() + 2, rows.size(), String.join("\n", rows));
    assertTrue(rows.get(0).startsWith("| `--host=HOST` | 127.0.0.1 | "), rows.get(0));
  }

  private static String help() {
    CommandLine commandLine = ChatServerCommand.commandLine();
    commandLine.setUsageHelpAutoWidth(false);
    commandLine.setUsageHelpWidth(WIDTH);
    commandLine.setUsageHelpLongOptionsMaxWidth(60);
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    assertEquals(0, commandLine.execute("--help"));
    return out.toString();
  }

  /**
   * The table's rows for the options in the help: the option as help writes it, the default its
   * description names ("off" for a flag, "none" for a value that names none), and the
   * description without the default, its lines apart as in help.
   */
  private static List<String> rows(String help) {
    List<String> rows = new ArrayList<>();
    String option = null;
    List<String> lines = new ArrayList<>();
    boolean flag = false;
    int column = 0;
    for (String line : help.lines().toList()) {
      Matcher matcher = OPTION.matcher(line);
      if (matcher.matches()) {
        if (option != null) {
          rows.add(row(option, flag, lines));
        }
        option = matcher.group(1).strip() + (matcher.group(2) == null ? "" : matcher.group(2));
        flag = matcher.group(2) == null;
        lines = new ArrayList<>(List.of(matcher.group(3).strip()));
        column = matcher.start(3);
      } else if (option != null && line.length() > column && line.substring(0, column).isBlank()) {
        lines.add(line.strip());
      } else if (option != null) {
        rows.add(row(option, flag, lines));
        option = null;
      }
    }
    return rows;
  }

  private static String row(String option, boolean flag, List<String> lines) {
    String meaning = String.join("<br>", lines);
    Matcher given = DEFAULT.matcher(meaning);
    String byDefault = flag ? "off" : "none";
    if (given.find()) {
      byDefault = given.group(1);
      meaning = meaning.substring(0, given.start()) + meaning.substring(given.end());
    }
    return "| `" + option + "` | " + byDefault + " | " + meaning + " |";
  }

  private static List<String> readmeRows() throws IOException {
    List<String> lines = Files.readAllLines(README);
    int header = lines.indexOf(HEADER);
    assertTrue(header >= 0, "README.md has no line " + HEADER);
    List<String> rows = new ArrayList<>();
    for (String line : lines.subList(header + 2, lines.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      rows.add(line);
    }
    return rows;
  }
}
