package dev.termchat.client;

import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import dev.termchat.testing.RunningProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build step, not a test (the package phase runs it, see pom.xml): makes target/chat-client.jsa,
 * the class data sharing archive that bin/chat-client hands to Java. The client runs as a person
 * runs it, in a terminal (script(1) gives it one) against a real server: it connects, shows its
 * prompt, sends a line and sees it come back, and leaves with /quit; as it exits, Java writes every
 * class it loaded into the archive. It runs in target/ with the launcher's flags, on chat-client.jar
 * and lib/ relative to it, as the launcher runs it in the unpacked distribution: Java 17 takes an
 * archive only for the class path it was made with.
 */
final class ArchiveTraining {
  static final String ARCHIVE = "chat-client.jsa";
  /** The launcher's flags: memory="..." and terminal="...". */
  private static final Pattern LAUNCHER_FLAGS = Pattern.compile("(?m)^(?:memory|terminal)=\"([^\"]*)\"$");

  private ArchiveTraining() {}

  /** Arguments: the build's target folder, and the launcher whose flags the client runs with. */
  public static void main(String[] args) throws Exception {
    Path target = Path.of(args[0]);
    List<String> flags = new ArrayList<>();
    Matcher launcher = LAUNCHER_FLAGS.matcher(Files.readString(Path.of(args[1])));
    while (launcher.find()) {
      flags.addAll(List.of(launcher.group(1).split(" ")));
    }
    if (flags.isEmpty()) {
      throw new IllegalStateException(args[1] + " sets no memory=\"...\" flags");
    }
    Files.deleteIfExists(target.resolve(ARCHIVE));
    try (ChatServer server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).build())) {
      List<String> client = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      client.addAll(flags);
      // Picocli's classes are Java 5's, which Java 17 does not archive, and says so for each.
      client.addAll(List.of("-XX:ArchiveClassesAtExit=" + ARCHIVE, "-Xlog:cds*=off", "-jar", "chat-client.jar"));
      client.addAll(List.of("--server", "ws://127.0.0.1:" + server.port(), "trainer"));
      String command = String.join(" ", client.stream().map(ArchiveTraining::quoted).toList());
      // Without script(1) (util-linux), with piped input: the archive then lacks JLine's line editor.
      String inATerminal =
          "cd \"$0\" && if command -v script >/dev/null; then exec script -qefc \"$1\" /dev/null;"
              + " else echo 'no script(1): the archive is made without a terminal' >&2; exec sh -c \"$1\"; fi";
      try (RunningProcess run = RunningProcess.start(List.of("sh", "-c", inATerminal, target.toString(), command))) {
        run.awaitStdout("connected as trainer");
        run.typeLine("the build says hello");
        run.awaitStdout("trainer.*the build says hello");
        run.typeLine("/quit");
        int status = run.awaitExit();
        if (status != 0 || !Files.isRegularFile(target.resolve(ARCHIVE))) {
          throw new IllegalStateException(
              "the client exited with " + status + " and left " + (Files.exists(target.resolve(ARCHIVE)) ? "" : "no ")
                  + ARCHIVE + ": " + run.allStdout());
        }
      }
    }
  }

  /** A word for sh -c, whatever it holds (a Java home with a space in it). */
  private static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
