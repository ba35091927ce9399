package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server jar, a real process started with {@code --operator root --log-format json}: each
 * moderation act is one JSON line with who did what to whom, why, and until when.
 */
class ModerationLogIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void eachActIsOneJsonEventWithWhoWhomWhyAndUntilWhen() throws Exception {
    List<JsonNode> acts = new ArrayList<>();
    try (RunningProcess server = RunningProcess.javaJar(
        JAR, List.of("--port", "0", "--log-format", "json", "--data", "none", "--operator", "root"), Map.of())) {
      URI uri = URI.create(server.awaitStdout("^Listening on (ws://\\S+)$").group(1));
      server.awaitStderr("--operator root: no account has that name, so anyone who takes it is a server operator");
      WebSocketRecorder dave = WebSocketRecorder.base(uri).open();
      register(dave, "dave");
      WebSocketRecorder root = WebSocketRecorder.extended(uri).open();
      root.nextFrame(Welcome.class);
      root.send(new Register("root"));
      root.send(new Moderate(ModerationAct.KICK, "#general", "dave", 0, "flooding", false));
      assertEquals(Wire.CLOSE_KICKED, dave.nextCloseSkippingFrames().code());
      root.send(new Moderate(ModerationAct.BAN, "#general", "203.0.113.0/24", 3600, "spam", true));
      server.awaitStderr("\"act\":\"ban\"");
      root.closeBlocking();
      server.terminate();
      assertEquals(0, server.awaitExit());
      for (String line : server.allStderr()) {
        JsonNode event = json.readTree(line);
        if ("moderation".equals(event.path("event").asText())) {
          acts.add(event);
        }
      }
    }
    assertEquals(2, acts.size(), acts.toString());
    JsonNode kick = acts.get(0);
    assertEquals(List.of("kick", "#general", "root", "dave", "flooding"),
        List.of(kick.get("act").asText(), kick.get("room").asText(), kick.get("by").asText(), kick.get("target").asText(), kick.get("reason").asText()));
    assertEquals(null, kick.get("until"));
    JsonNode ban = acts.get(1);
    assertEquals("203.0.113.0/24", ban.get("target").asText());
    assertEquals("spam", ban.get("reason").asText());
    assertTrue(ban.get("until").asText().endsWith("Z"), ban.toString());
  }

  @Test
  void aKicksReasonForgesNoLogLineAndReachesNoTerminalRaw() throws Exception {
    String forged = "2026-12-07 08:00:00.000 INFO ChatServer - root left";
    String reason = "flood\n" + forged + "\u001b[2J\u0000";
    try (RunningProcess server = RunningProcess.javaJar(
        JAR, List.of("--port", "0", "--data", "none", "--operator", "root"), Map.of())) {
      URI uri = URI.create(server.awaitStdout("^Listening on (ws://\\S+)$").group(1));
      WebSocketRecorder dave = WebSocketRecorder.base(uri).open();
      register(dave, "dave");
      WebSocketRecorder root = WebSocketRecorder.extended(uri).open();
      root.nextFrame(Welcome.class);
      root.send(new Register("root"));
      root.send(new Moderate(ModerationAct.KICK, "#general", "dave", 0, reason, false));
      WebSocketRecorder.Closed closed = dave.nextCloseSkippingFrames();
      assertEquals(Wire.CLOSE_KICKED, closed.code());
      assertTrue(closed.reason().chars().noneMatch(c -> c < 0x20 || c == 0x7f), "the close frame's reason, raw: " + closed.reason());
      server.awaitStderr("dave left .*kicked by root");
      root.closeBlocking();
      server.terminate();
      assertEquals(0, server.awaitExit());
      for (String line : server.allStderr()) {
        assertTrue(!line.startsWith(forged) && line.chars().noneMatch(c -> c == 0x1b || c == 0), "a line forged or raw: " + line);
      }
    }
  }
}
