package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Wire;
import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.CuttableProxy;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client process behind a TCP proxy whose cable the test pulls for a few seconds, or whose
 * path back to the client dies: no line is lost or doubled, whichever side's connection was cut.
 */
class CutConnectionIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.client.jar");
  private static final Pattern MESSAGE = Pattern.compile("^\\[\\d\\d:\\d\\d\\] (\\S+) \\([^)]*\\): (line \\d+)$");

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private RunningProcess client(String name, CuttableProxy proxy) throws Exception {
    return client(name, proxy.uri(chat.uri()));
  }

  private static RunningProcess client(String name, URI server) throws Exception {
    return RunningProcess.javaJar(JAR, List.of(name, "--server", server.toString()), Map.of());
  }

  /** The cable stays out until the client has tried, and failed, to reconnect. */
  private static void outUntilAnAttemptFailed(CuttableProxy proxy, RunningProcess client) throws InterruptedException {
    client.awaitStdout("-!- connection lost");
    await().atMost(Duration.ofSeconds(20)).until(() -> proxy.refused() > 0);
  }

  private static List<String> lines(int from, int to) {
    List<String> lines = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      lines.add("line " + i);
    }
    return lines;
  }

  @Test
  void everyLinePipedToAClientWhoseConnectionIsCutArrivesOnceInOrder() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (CuttableProxy proxy = new CuttableProxy(chat.uri());
        RunningProcess alice = client("alice", proxy)) {
      lines(1, 20).forEach(alice::typeLine);
      List<String> received = new ArrayList<>();
      while (received.size() < 20) {
        received.add(bob.nextMessage().message());
      }
      // Some of these are in flight, or on the wire, when the cable is pulled.
      lines(21, 30).forEach(alice::typeLine);
      proxy.cut();
      outUntilAnAttemptFailed(proxy, alice);
      lines(31, 40).forEach(alice::typeLine);
      proxy.restore();
      lines(41, 50).forEach(alice::typeLine);
      alice.endInput();
      while (received.size() < 50) {
        received.add(bob.nextMessage().message());
      }
      assertEquals(0, alice.awaitExit(), "every line delivered: " + alice.allStdout());
      assertEquals(lines(1, 50), received);
      assertEquals(List.of(), alice.allStderr());
      assertEquals(lines(1, 50), shownLines(alice.allStdout(), "alice"), "its own lines, each once");
    }
    bob.send(new SendMessage("the end"));
    assertEquals("the end", bob.nextMessage().message(), "nothing more from alice");
  }

  @Test
  void everyLinePipedToAClientWhoseEchoesStopComingArrivesOnceInOrder() throws Exception {
    // A server that keeps few messages, so that few of those missed come back on resuming (as
    // with more than it sends back at once): the rest go again under their ids. Were they more
    // than the server remembers the ids of, the oldest would be said twice.
    int total = 10 + 2 * Wire.REMEMBERED_LINE_IDS;
    try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).historySize(20).build());
        CuttableProxy proxy = new CuttableProxy(server.uri());
        RunningProcess alice = client("alice", proxy.uri(server.uri()))) {
      WebSocketRecorder bob = WebSocketRecorder.base(server.uri()).open();
      register(bob, "bob");
      lines(1, 10).forEach(alice::typeLine);
      alice.awaitStdout(": line 10$");
      // The path back goes dead unnoticed; the client's pings find it out within 10 to 20 s.
      proxy.muteToClients();
      lines(11, total).forEach(alice::typeLine);
      alice.endInput();
      assertTrue(alice.awaitExitFor(Duration.ofSeconds(90)), "ended: " + alice.allStdout());
      bob.send(new SendMessage("the end"));
      List<String> received = new ArrayList<>();
      for (String line = bob.nextMessage().message(); !line.equals("the end"); line = bob.nextMessage().message()) {
        received.add(line);
      }
      assertEquals(lines(1, total), received);
      assertEquals(0, alice.awaitExit(), "every line delivered: " + alice.allStdout());
      assertEquals(lines(1, total), shownLines(alice.allStdout(), "alice"), "its own lines, each once");
    }
  }

  @Test
  void aClientWhoseConnectionIsCutShowsEveryLineSaidMeanwhileOnceInOrder() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (CuttableProxy proxy = new CuttableProxy(chat.uri());
        RunningProcess alice = client("alice", proxy)) {
      alice.awaitStdout("-!- connected as alice");
      say(bob, lines(1, 20));
      alice.awaitStdout(": line 20$");
      proxy.cut();
      say(bob, lines(21, 30));
      outUntilAnAttemptFailed(proxy, alice);
      say(bob, lines(31, 40));
      proxy.restore();
      Matcher caughtUp = alice.awaitStdout("-!- caught up: (\\d+) messages you missed");
      say(bob, lines(41, 50));
      alice.awaitStdout(": line 50$");
      alice.endInput();
      assertEquals(0, alice.awaitExit());
      assertEquals(lines(1, 50), shownLines(alice.allStdout(), "bob"));
      assertEquals(List.of(), alice.allStderr());
      // Everything after the last line it showed, including those the server sent into the cut.
      assertEquals("20", caughtUp.group(1));
    }
  }

  @Test
  void aClientThatSawNoMessageBeforeItsConnectionWasCutShowsEveryLineSaidMeanwhile() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (CuttableProxy proxy = new CuttableProxy(chat.uri());
        RunningProcess alice = client("alice", proxy)) {
      // Piped, it asks for no history; in a quiet room it has seen no message when the cable goes.
      alice.awaitStdout("-!- connected as alice");
      proxy.cut();
      say(bob, lines(1, 10));
      outUntilAnAttemptFailed(proxy, alice);
      proxy.restore();
      alice.awaitStdout("-!- caught up: 10 messages you missed");
      say(bob, lines(11, 12));
      alice.awaitStdout(": line 12$");
      alice.endInput();
      assertEquals(0, alice.awaitExit());
      assertEquals(lines(1, 12), shownLines(alice.allStdout(), "bob"));
      assertEquals(List.of(), alice.allStderr());
    }
  }

  private static void say(WebSocketRecorder client, List<String> lines) throws InterruptedException {
    for (String line : lines) {
      client.send(new SendMessage(line));
      assertEquals(line, client.nextMessage().message());
    }
  }

  /** The lines of this sender's that the client showed, in order. */
  private static List<String> shownLines(List<String> stdout, String sender) {
    List<String> shown = new ArrayList<>();
    for (String line : stdout) {
      Matcher matcher = MESSAGE.matcher(line);
      if (matcher.matches() && matcher.group(1).equals(sender)) {
        shown.add(matcher.group(2));
      }
    }
    return shown;
  }

}
