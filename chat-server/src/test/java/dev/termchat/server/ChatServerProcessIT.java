package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.Test;

/** {@code java -jar chat-server/target/chat-server.jar} as a real process. */
class ChatServerProcessIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");

  private static RunningProcess startServer(String... args) throws Exception {
    return RunningProcess.javaJar(JAR, List.of(args), Map.of());
  }

  @Test
  void printsItsAddressLogsJoinsAndLeavesAndStopsCleanlyOnSigterm() throws Exception {
    try (RunningProcess server = startServer("--port", "0")) {
      String port = server.awaitStdout("^Listening on ws://127\\.0\\.0\\.1:(\\d+)$").group(1);
      WebSocketRecorder alice = WebSocketRecorder.base(URI.create("ws://127.0.0.1:" + port)).open();
      register(alice, "alice");
      server.awaitStderr("INFO ChatRoom - alice joined from 127\\.0\\.0\\.1:\\d+$");

      server.terminate();

      alice.nextClose(CloseFrame.GOING_AWAY);
      assertEquals(0, server.awaitExit());
      List<String> log = server.allStderr();
      assertTrue(log.stream().anyMatch(line -> line.matches(".*alice left from 127\\.0\\.0\\.1:\\d+ .*")), log.toString());
      assertTrue(log.stream().noneMatch(line -> line.contains("Exception")), log.toString());
    }
  }

  @Test
  void aPasswordFromTheEnvironmentIsRequiredAndNeverLogged() throws Exception {
    try (RunningProcess server =
        RunningProcess.javaJar(JAR, List.of("--port", "0"), Map.of("CHAT_PASSWORD", "s3cret-Pa55"))) {
      URI uri = URI.create(server.awaitStdout("^Listening on (ws://\\S+)$").group(1));
      try (RawWebSocket wrong = RawWebSocket.connect(uri, Map.of("Authorization", "Bearer guess-Pa55"))) {
        assertEquals(401, wrong.status());
        assertEquals("Bearer", wrong.responseHeaders().get("www-authenticate"));
      }
      server.awaitStderr("Refused a connection from 127\\.0\\.0\\.1: wrong or missing password$");
      try (RawWebSocket right = RawWebSocket.connect(uri, Map.of("Authorization", "Bearer s3cret-Pa55"))) {
        assertEquals(101, right.status());
        right.sendText("{\"messageType\":\"register\",\"data\":\"insider\"}");
        assertTrue(right.readText().contains("insider"));
      }
      server.terminate();
      assertEquals(0, server.awaitExit());
      List<String> log = server.allStderr();
      assertTrue(log.stream().anyMatch(line -> line.contains("insider joined")), log.toString());
      assertTrue(log.stream().noneMatch(line -> line.contains("Pa55")), log.toString());
    }
  }

  @Test
  void aSecondServerOnTheSamePortSaysSoInOneLineAndExits1() throws Exception {
    try (RunningProcess first = startServer("--port", "0")) {
      String port = first.awaitStdout("^Listening on ws://127\\.0\\.0\\.1:(\\d+)$").group(1);
      try (RunningProcess second = startServer("--port", port)) {
        assertEquals(1, second.awaitExit());
        assertEquals(
            List.of(
                "error: cannot listen on 127.0.0.1:" + port
                    + ": address already in use (is another server running? try --port)"),
            second.remainingStderr());
        assertEquals(List.of(), second.remainingStdout());
      }
      first.terminate();
      assertEquals(0, first.awaitExit());
    }
  }
}
