package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RunningProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client process in several rooms when its server restarts without a cluster: back in every
 * room, it says once, naming them, that the server's log does not reach back to where it left off.
 */
class RoomsRestartIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.client.jar");
  private static final String NOT_REACHED_BACK = "the server's log does not reach back to where you left off";

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  @Test
  void afterARestartTheLogNotReachingBackIsSaidOnceForAllTheRooms() throws Exception {
    try (RunningProcess alice = RunningProcess.javaJar(JAR, List.of("alice", "--server", chat.uri().toString(), "--join", "#general,#dev,#ops"), Map.of())) {
      alice.awaitStdout("-!- in #ops \\(1\\): @alice$"); // @: she made the room, and owns it

      chat.restart();

      alice.awaitStdout("-!- reconnected as alice");
      // Sent once every room has answered what it missed, and echoed after: nothing of the return is still to come.
      alice.typeLine("back");
      alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] alice \\([^)]*\\): back$");
      alice.typeLine("/quit");
      assertEquals(0, alice.awaitExit());
      List<String> out = alice.allStdout();
      List<String> notices = out.stream().filter(line -> line.contains(NOT_REACHED_BACK)).toList();
      assertEquals(1, notices.size(), out.toString());
      assertEquals(
          "-!- " + NOT_REACHED_BACK + " in #general, #dev, #ops, as after a restart: what was said in between is not there",
          notices.get(0).substring(notices.get(0).indexOf("-!-")));
    }
  }
}
