package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.CuttableProxy;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client away longer than the server's resume window, the server running all along, as a real
 * process: it says that its session expired, not that the server restarted (the clock the server
 * keeps the window by is moved past it, not waited out).
 */
class SessionExpiryIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.client.jar");
  /** The server's --resume-window, by default. */
  private static final Duration RESUME_WINDOW = Duration.ofSeconds(120);

  private final MovingClock clock = new MovingClock(Instant.now());
  // Pings every second: the server finds the connection cut under it out within seconds.
  @RegisterExtension final ChatFixture chat = new ChatFixture(clock, config -> config.pingInterval(Duration.ofSeconds(1)));

  @Test
  void aSessionThatExpiredIsSaidToHaveExpiredAndNotAsAfterARestart() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (CuttableProxy proxy = new CuttableProxy(chat.uri());
        RunningProcess alice = RunningProcess.javaJar(JAR, List.of("alice", "--server", proxy.uri(chat.uri()).toString()), Map.of())) {
      alice.awaitStdout("-!- connected as alice$");
      assertEquals(new Users(List.of("bob", "alice")), bob.nextFrame(Users.class));

      proxy.cut();
      alice.awaitStdout("-!- connection lost");
      assertEquals(new Users(List.of("bob")), bob.nextFrame(Users.class), "the server let alice's connection go");
      bob.send(new SendMessage("said while alice was away"));
      bob.nextMessage();
      clock.advance(RESUME_WINDOW.plusSeconds(1));
      proxy.restore();

      alice.awaitStdout("-!- reconnected as alice \\(a new session: the server no longer knew the old one\\)$");
      alice.awaitStdout("-!- your session had expired: you were away longer than the server holds one for \\(its --resume-window\\)$");
      alice.awaitStdout("-!- caught up: 1 message you missed$");
      alice.awaitStdout("bob \\(127\\.0\\.0\\.1:\\d+\\): said while alice was away$");
      alice.endInput();
      assertEquals(0, alice.awaitExit());
      assertTrue(alice.allStdout().stream().noneMatch(line -> line.contains("restart")), alice.allStdout().toString());
    }
  }
}
