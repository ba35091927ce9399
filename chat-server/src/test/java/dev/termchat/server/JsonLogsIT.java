package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --log-format json}: every line on stderr one JSON object, with the fields of its event. */
class JsonLogsIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void everyLineIsOneJsonObjectWithTheEventsFields() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    try (RunningProcess server = RunningProcess.javaJar(JAR, List.of("--port", "0", "--log-format", "json"), Map.of())) {
      URI uri = URI.create(server.awaitStdout("^Listening on (ws://\\S+)$").group(1));
      WebSocketRecorder client = WebSocketRecorder.base(uri).open();
      assertEquals("mallory", register(client, "mallory"));
      client.closeBlocking();
      server.awaitStderr("\"event\":\"leave\"");
      server.terminate();
      assertEquals(0, server.awaitExit());
      for (String line : server.allStderr()) {
        lines.add(json.readTree(line)); // Fails on any line that is not JSON.
      }
    }
    JsonNode join = lines.stream().filter(line -> "join".equals(line.path("event").asText())).findFirst().orElseThrow();
    assertEquals("mallory", join.get("name").asText());
    assertTrue(join.get("address").asText().startsWith("127.0.0.1:"));
    assertEquals("INFO", join.get("level").asText());
    assertTrue(join.get("time").asText().endsWith("Z"));
    JsonNode leave = lines.stream().filter(line -> "leave".equals(line.path("event").asText())).findFirst().orElseThrow();
    assertEquals("closed", leave.get("reason").asText());
  }
}
