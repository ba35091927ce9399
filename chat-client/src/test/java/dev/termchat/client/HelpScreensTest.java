package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.client.bench.BenchCommand;
import dev.termchat.testing.HelpText;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every help screen of the client's programs, at 80 columns, as a terminal of that width shows it. */
class HelpScreensTest {
  static List<List<String>> screens() {
    return List.of(
        List.of("chat-client", "--help"),
        List.of("chat-client", "generate-completion", "--help"),
        List.of("chat-bench", "--help"),
        List.of("chat-bench", "floor", "--help"),
        List.of("chat-bench", "room-memory", "--help"),
        List.of("chat-bench", "connections", "--help"));
  }

  @ParameterizedTest
  @MethodSource("screens")
  void fitsEightyColumnsWithoutBreakingAWord(List<String> command) {
    CommandLine commandLine =
        command.get(0).equals("chat-client")
            ? ChatClientCommand.commandLine(new ByteArrayInputStream(new byte[0]))
            : BenchCommand.commandLine();
    commandLine.setUsageHelpWidth(80);
    commandLine.setUsageHelpAutoWidth(false);
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    assertEquals(0, commandLine.execute(command.subList(1, command.size()).toArray(String[]::new)));
    String help = out.toString();
    HelpText.assertFitsEightyColumns(help);
    if (help.contains("--server")) {
      assertTrue(help.contains("ws://127.0.0.1:8080"), help);
    }
  }
}
