package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.testing.RunningProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as an operator unpacks it: the launchers in bin start the jars in lib, with
 * their memory settings, and JAVA_OPTS after them, so that a flag there wins.
 */
class DistributionIT {
  private static final Path DISTRIBUTION = Path.of(System.getProperty("termchat.distribution", "chat-client/target/termchat.tar.gz"));

  @TempDir Path unpacked;
  private Path bin;

  @BeforeEach
  void unpack() throws Exception {
    assertTrue(Files.isRegularFile(DISTRIBUTION), "built by ./mvnw package: " + DISTRIBUTION);
    try (RunningProcess tar = RunningProcess.start(List.of("tar", "xzf", DISTRIBUTION.toString(), "-C", unpacked.toString()))) {
      assertEquals(0, tar.awaitExit());
    }
    bin = unpacked.resolve("termchat/bin");
  }

  private RunningProcess launch(String program, Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(bin.resolve(program).toString()));
    command.addAll(List.of(args));
    return RunningProcess.start(command, env);
  }

  @Test
  void theServerStartsWithItsMemorySettingsAndJavaOptsWin() throws Exception {
    try (RunningProcess server = launch("chat-server", Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--port", "0")) {
      String flags = server.awaitStdout("-XX:MaxHeapSize=").group();
      server.awaitStdout("^Listening on ws://127\\.0\\.0\\.1:\\d+$");
      server.terminate();
      assertEquals(0, server.awaitExit());
      assertTrue(String.join(" ", server.allStdout()).contains("-XX:MaxHeapSize=268435456"), "256 MiB: " + flags);
    }
    try (RunningProcess server =
        launch("chat-server", Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx300m"), "--port", "0")) {
      server.awaitStdout("^Listening on ");
      server.terminate();
      assertEquals(0, server.awaitExit());
      assertTrue(String.join(" ", server.allStdout()).contains("-XX:MaxHeapSize=314572800"), "JAVA_OPTS wins");
    }
  }

  @Test
  void everyLauncherAnswersAndGivesCompletion() throws Exception {
    for (String program : List.of("chat-server", "chat-client", "chat-bench")) {
      try (RunningProcess version = launch(program, Map.of(), "--version")) {
        assertEquals(0, version.awaitExit(), program);
      }
    }
    // Linked into a directory on PATH, as installs do.
    Path linked = Files.createSymbolicLink(unpacked.resolve("chat-client"), bin.resolve("chat-client"));
    try (RunningProcess version = RunningProcess.start(List.of(linked.toString(), "--version"))) {
      assertEquals(0, version.awaitExit(), "through a link");
    }
    for (String program : List.of("chat-server", "chat-client")) {
      try (RunningProcess completion = launch(program, Map.of(), "generate-completion")) {
        assertEquals(0, completion.awaitExit(), program);
        assertTrue(completion.allStdout().stream().anyMatch(line -> line.contains("complete -F")), program);
      }
    }
  }
}
