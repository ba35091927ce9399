package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.testing.RunningProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as an operator unpacks it: the launchers in bin start the programs' thin jars,
 * which find their libraries in lib, one copy of each, with their memory settings, and JAVA_OPTS
 * after them, so that a flag there wins; the client starts from the class data sharing archive
 * the build made, and without it, silently, when that archive does not fit; the sample systemd
 * unit is valid and starts the server.
 */
class DistributionIT {
  private static final Path DISTRIBUTION = Path.of(System.getProperty("termchat.distribution", "chat-client/target/termchat.tar.gz"));

  /** The sample unit's exposure by systemd's own measure, times ten: at most 2.0, "OK". */
  private static final int UNIT_EXPOSURE_THRESHOLD = 20;
  private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

  @TempDir Path unpacked;
  private Path home;
  private Path bin;

  @BeforeEach
  void unpack() throws Exception {
    assertTrue(Files.isRegularFile(DISTRIBUTION), "built by ./mvnw package: " + DISTRIBUTION);
    try (RunningProcess tar = RunningProcess.start(List.of("tar", "xzf", DISTRIBUTION.toString(), "-C", unpacked.toString()))) {
      assertEquals(0, tar.awaitExit());
    }
    home = unpacked.resolve("termchat");
    bin = home.resolve("bin");
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
  void theClientLoadsItsClassesFromTheBuildsArchiveAndReadsFilesWhereItWasStarted() throws Exception {
    assertTrue(Files.isRegularFile(home.resolve("lib/chat-client.jsa")), "the archive is in the distribution");
    try (RunningProcess server = launch("chat-server", Map.of(), "--port", "0", "--data", "none", "--password", "secret")) {
      String url = server.awaitStdout("^Listening on (ws://127\\.0\\.0\\.1:\\d+)$").group(1);
      // Started elsewhere, with a file named relative to there: the launcher runs Java in its folder.
      Path elsewhere = Files.createDirectory(unpacked.resolve("elsewhere"));
      Files.writeString(elsewhere.resolve("password"), "secret\n");
      Path classes = unpacked.resolve("classes.log");
      List<String> said = chatOnce(elsewhere, classes, "--server", url, "--password-file", "password", "archived");
      assertEquals(List.of(), said, "nothing but the chat");
      String loaded = Files.readString(classes);
      for (String started : List.of("ChatClientCommand", "ChatSession", "ServerConnection")) {
        assertTrue(
            loaded.contains("dev.termchat.client." + started + " source: shared objects file (top)"),
            started + " from the archive: " + loaded.lines().filter(line -> line.contains(started + " ")).toList());
      }
      server.terminate();
    }
  }

  @Test
  void inATerminalTheClientAsksTheTerminalNothingBeforeItsPrompt() throws Exception {
    try (RunningProcess server = launch("chat-server", Map.of(), "--port", "0", "--data", "none")) {
      String url = server.awaitStdout("^Listening on (ws://127\\.0\\.0\\.1:\\d+)$").group(1);
      // script(1) gives it a terminal that, like many, never answers a query: JLine asked for
      // mode 2027 and waited 200 ms for the answer.
      String client = bin.resolve("chat-client") + " --server " + url + " typist";
      try (RunningProcess typed = RunningProcess.start(List.of("script", "-qefc", client, "/dev/null"))) {
        typed.awaitStdout("connected as typist");
        typed.typeLine("/quit");
        assertEquals(0, typed.awaitExit());
        assertEquals(List.of(), typed.allStdout().stream().filter(line -> line.contains("$p")).toList(), "no DECRQM query");
      }
      server.terminate();
    }
  }

  @Test
  void anArchiveThatDoesNotFitIsLeftAsideWithoutAWordOnTheScreen() throws Exception {
    Path archive = home.resolve("lib/chat-client.jsa");
    Path jline;
    try (Stream<Path> libraries = Files.list(home.resolve("lib"))) {
      jline = libraries.filter(library -> library.getFileName().toString().startsWith("jline-")).findFirst().orElseThrow();
    }
    // A library changed since the archive was made; then an archive of another Java (its header
    // is not this one's).
    Files.setLastModifiedTime(jline, FileTime.fromMillis(Files.getLastModifiedTime(jline).toMillis() + Duration.ofDays(1).toMillis()));
    assertNoArchiveUsedAndNothingSaid(unpacked.resolve("changed-library.log"));
    Files.setLastModifiedTime(jline, FileTime.fromMillis(Files.getLastModifiedTime(jline).toMillis() - Duration.ofDays(1).toMillis()));
    byte[] foreign = Files.readAllBytes(archive);
    for (int i = 0; i < 64; i++) {
      foreign[i] = (byte) ~foreign[i];
    }
    Files.write(archive, foreign);
    assertNoArchiveUsedAndNothingSaid(unpacked.resolve("foreign-archive.log"));
  }

  private void assertNoArchiveUsedAndNothingSaid(Path classes) throws Exception {
    try (RunningProcess server = launch("chat-server", Map.of(), "--port", "0", "--data", "none")) {
      String url = server.awaitStdout("^Listening on (ws://127\\.0\\.0\\.1:\\d+)$").group(1);
      assertEquals(List.of(), chatOnce(unpacked, classes, "--server", url, "unarchived"), "nothing but the chat");
      String loaded = Files.readString(classes);
      assertTrue(loaded.contains("dev.termchat.client.ChatSession source: file:"), "from its jar");
      assertTrue(!loaded.contains("shared objects file (top)"), "nothing from the archive");
      server.terminate();
    }
  }

  /**
   * Runs the client from this folder, with the Java running the tests (which made the archive),
   * to send one piped line; returns what it said beyond the chat's lines, on either stream.
   */
  private List<String> chatOnce(Path startedIn, Path classLog, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", startedIn.toString(), bin.resolve("chat-client").toString()));
    command.addAll(List.of(args));
    Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
    try (RunningProcess client = RunningProcess.start(command, env)) {
      client.typeLine("one line from a script");
      client.endInput();
      assertEquals(0, client.awaitExit(), "delivered: " + client.allStdout() + client.allStderr());
      // The chat's lines each begin with the time of day; Java's would begin [0.087s][warning].
      List<String> said = new ArrayList<>(client.allStdout());
      said.removeIf(line -> line.matches("^\\[\\d\\d:\\d\\d\\] .*"));
      said.addAll(client.allStderr());
      return said;
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

  @Test
  void aJarCopiedAwayFromItsLibrariesSaysSoInALineNotAStackTrace() throws Exception {
    Path alone = Files.createDirectory(unpacked.resolve("alone"));
    for (String jar : List.of("chat-server.jar", "chat-client.jar", "chat-bench.jar")) {
      Path copy = Files.copy(home.resolve(jar), alone.resolve(jar));
      try (RunningProcess program = RunningProcess.javaJar(copy, List.of("--help"), Map.of())) {
        assertEquals(1, program.awaitExit(), jar);
        List<String> said = program.allStderr();
        assertEquals(1, said.size(), jar + ": " + said);
        assertTrue(said.get(0).startsWith("error: " + jar + " cannot find its libraries: they come with it in a lib/ folder"), said.get(0));
      }
    }
    Path benchAlone = Files.copy(home.resolve("chat-bench.jar"), Files.createDirectory(unpacked.resolve("bench")).resolve("chat-bench.jar"));
    try (RunningProcess bench = RunningProcess.javaJar(benchAlone, List.of("--help"), Map.of())) {
      assertEquals(1, bench.awaitExit());
      assertEquals(
          List.of("error: chat-bench.jar cannot find chat-client.jar, which must be beside it with its lib/ folder"
              + " (as in the unpacked distribution, or in target/ after a build)"),
          bench.allStderr());
    }
    // A lib/ folder that lacks one library: the server died on ICU's SpoofChecker with a stack trace.
    Path partial = Files.createDirectories(unpacked.resolve("partial").resolve("lib"));
    Path icu = null;
    try (Stream<Path> libraries = Files.list(home.resolve("lib"))) {
      for (Path library : libraries.toList()) {
        if (library.getFileName().toString().startsWith("icu4j-")) {
          icu = library;
        } else {
          Files.copy(library, partial.resolve(library.getFileName()));
        }
      }
    }
    assertTrue(icu != null, "icu4j in lib/");
    for (String jar : List.of("chat-server.jar", "chat-client.jar")) {
      Path copy = Files.copy(home.resolve(jar), partial.resolveSibling(jar));
      try (RunningProcess program = RunningProcess.javaJar(copy, List.of("--help"), Map.of())) {
        assertEquals(1, program.awaitExit(), jar);
        List<String> said = program.allStderr();
        assertEquals(1, said.size(), jar + ": " + said);
        assertTrue(said.get(0).startsWith("error: " + jar + " cannot find its libraries"), said.get(0));
        assertTrue(said.get(0).endsWith("(missing: lib/" + icu.getFileName() + ")"), said.get(0));
      }
    }
  }

  @Test
  void everyClassIsInOneJarAndEveryJarThatIsNamedIsThere() throws Exception {
    Map<String, Path> jarOf = new HashMap<>();
    List<String> twice = new ArrayList<>();
    Set<Path> named = new HashSet<>();
    List<Path> jars;
    try (Stream<Path> files = Files.walk(home)) {
      jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
    }
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        file.stream()
            .map(JarEntry::getName)
            .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class"))
            .forEach(
                name -> {
                  Path first = jarOf.putIfAbsent(name, jar);
                  if (first != null) {
                    twice.add(name + " in " + home.relativize(first) + " and " + home.relativize(jar));
                  }
                });
        String classPath = file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        for (String entry : classPath == null ? new String[0] : classPath.trim().split(" +")) {
          Path library = jar.resolveSibling(entry).normalize();
          assertTrue(Files.isRegularFile(library), home.relativize(jar) + " names " + entry + ", which is not there");
          named.add(library);
        }
      }
    }
    assertEquals(List.of(), twice.stream().limit(5).toList(), twice.size() + " classes in more than one jar");
    for (Path library : jars) {
      if (library.getParent().equals(home.resolve("lib"))) {
        assertTrue(named.contains(library), "no program names " + home.relativize(library));
      }
    }
  }

  @Test
  void theSampleSystemdUnitIsValidHardenedAndStartsTheServer() throws Exception {
    assertTrue(Files.isExecutable(SYSTEMD_ANALYZE), "needs " + SYSTEMD_ANALYZE + " (apt-get install systemd)");
    Path sample = home.resolve("systemd/termchat-server.service");
    assertTrue(Files.isRegularFile(home.resolve("systemd/server.env")), "the environment file's sample");
    // Where the unit expects the distribution, /opt/termchat, is where this test unpacked it.
    Path unit = unpacked.resolve("termchat-server.service");
    Files.writeString(unit, Files.readString(sample).replace("/opt/termchat/", home + "/"));
    try (RunningProcess verify = RunningProcess.start(List.of(SYSTEMD_ANALYZE.toString(), "verify", unit.toString()))) {
      assertEquals(0, verify.awaitExit());
      assertEquals(List.of(), verify.allStderr(), "no unknown key, no missing program");
    }
    try (RunningProcess security =
        RunningProcess.start(
            List.of(SYSTEMD_ANALYZE.toString(), "security", "--offline=true", "--threshold=" + UNIT_EXPOSURE_THRESHOLD, unit.toString()))) {
      int status = security.awaitExit();
      assertEquals(0, status, "exposure: " + security.allStdout().stream().filter(line -> line.contains("Overall")).toList());
    }
    Matcher execStart = Pattern.compile("(?m)^ExecStart=(.+)$").matcher(Files.readString(unit));
    assertTrue(execStart.find(), "an ExecStart line");
    // Its flags, on a free port of this machine's loopback.
    String command = execStart.group(1).replaceFirst("--host \\S+", "--host 127.0.0.1").replaceFirst("--port \\d+", "--port 0");
    try (RunningProcess server = RunningProcess.start(List.of(command.split(" +")))) {
      server.awaitStdout("^Listening on ws://127\\.0\\.0\\.1:\\d+$");
      server.terminate();
      assertEquals(0, server.awaitExit());
    }
  }
}
