package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.testing.RunningProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The server JAR started under a file limit of its own says what that limit allows. */
class FileLimitIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private static RunningProcess underLimit(int files, String... args) throws Exception {
    String command = "ulimit -n " + files + " && exec \"$0\" -jar \"$1\" --port 0 --data none " + String.join(" ", args);
    return RunningProcess.start(List.of("bash", "-c", command, JAVA, JAR.toString()));
  }

  @Test
  void theStartSaysTheLimitAndTheConnectionsItLeavesRoomFor() throws Exception {
    try (RunningProcess server = underLimit(1000)) {
      server.awaitStdout("^Listening on ws://");
      Matcher line = server.awaitStdout("^Open files: 1,000 at most \\(hard limit 1,000\\), room for 810 connections; the cap is ([\\d,]+) \\(--max-connections\\)$");
      assertEquals("810", line.group(1), "the default cap, held to the limit");
      server.terminate();
      assertEquals(0, server.awaitExit());
    }
  }

  @Test
  void aCapAboveWhatTheLimitAllowsIsWarnedOf() throws Exception {
    try (RunningProcess server = underLimit(1000, "--max-connections", "5000")) {
      server.awaitStdout("^Open files: 1,000 at most .* the cap is 5,000 \\(--max-connections\\); connections past 810 will fail: raise the limit \\(ulimit -n, LimitNOFILE\\)$");
      server.terminate();
      assertEquals(0, server.awaitExit());
    }
  }
}
