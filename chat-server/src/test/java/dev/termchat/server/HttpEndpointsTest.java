package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /healthz}, {@code /metrics} and the page over real HTTP, on the chat's own port. */
class HttpEndpointsTest {
  /** A sample line of Prometheus's text format: a name, labels maybe, a value. */
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (-?[0-9.eE+-]+|NaN|[+-]Inf)");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ChatServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create(server.uri().toString().replaceFirst("^ws", "http") + path);
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Every sample of a scrape, by name and labels; fails on a line that is not Prometheus text. */
  private Map<String, Double> scrape() throws Exception {
    HttpResponse<String> response = get("/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    Map<String, Double> samples = new HashMap<>();
    for (String line : response.body().split("\n")) {
      if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      assertTrue(sample.matches(), "not Prometheus text: " + line);
      samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
    }
    return samples;
  }

  @Test
  void metricsMoveAsClientsChat() throws Exception {
    server = ChatServer.start(ServerConfig.builder().port(0).build());
    WebSocketRecorder alice = WebSocketRecorder.base(server.uri()).open();
    WebSocketRecorder bob = WebSocketRecorder.extended(server.uri()).open();
    try {
      assertEquals("alice", register(alice, "alice"));
      bob.nextFrame(Welcome.class);
      bob.send(new Register("bob"));
      bob.nextFrameAfterPresence(Register.class);
      for (int i = 0; i < 3; i++) {
        alice.send(new SendMessage("line " + i));
      }
      for (int i = 0; i < 3; i++) {
        bob.nextMessage();
      }
      bob.send(new SendMessage(""));
      assertEquals("empty-message", bob.nextFrameAfterPresence(ErrorReply.class).code());

      Map<String, Double> samples = scrape();
      assertEquals(4.0, samples.get("termchat_messages_in_total"), "every line taken, the empty one too");
      assertEquals(3.0, samples.get("termchat_messages_out_total"));
      assertEquals(6.0, samples.get("termchat_deliveries_total"), "each line to both");
      assertEquals(2.0, samples.get("termchat_users"));
      assertEquals(1.0, samples.get("termchat_refusals_total{cause=\"empty-message\"}"));
      assertTrue(samples.get("termchat_connections") >= 2.0, "the two, and the scrape's own");
      assertTrue(samples.containsKey("termchat_room_backlog") && samples.containsKey("termchat_queued_bytes"));
    } finally {
      alice.closeBlocking();
      bob.closeBlocking();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> scrape().getOrDefault("termchat_closes_total{code=\"1000\"}", 0.0) == 2.0);
  }

  @Test
  void healthIsOkWhileTheServerRunsAndThePageComesWithItsPolicy() throws Exception {
    server = ChatServer.start(ServerConfig.builder().port(0).build());
    HttpResponse<String> health = get("/healthz");
    assertEquals(200, health.statusCode());
    assertEquals("ok\n", health.body());
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<script src=\"/app.js\" defer></script>"));
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
    assertEquals(404, get("/no-such-page").statusCode());
  }

  @Test
  void withoutTheWebPageOnlyHealthAndMetricsAnswer() throws Exception {
    server = ChatServer.start(ServerConfig.builder().port(0).web(false).build());
    assertEquals(426, get("/").statusCode());
    assertEquals(200, get("/healthz").statusCode());
    assertEquals(200, get("/metrics").statusCode());
  }

  @Test
  void metricsAreRefusedToALoopbackRequestThatAProxyPassedOn() throws Exception {
    server = ChatServer.start(ServerConfig.builder().port(0).build());
    URI metrics = URI.create(server.uri().toString().replaceFirst("^ws", "http") + "/metrics");
    for (String header : new String[] {"X-Real-IP", "X-Forwarded-For", "Forwarded"}) {
      HttpRequest viaProxy = HttpRequest.newBuilder(metrics).header(header, "203.0.113.9").timeout(Duration.ofSeconds(5)).build();
      assertEquals(403, http.send(viaProxy, HttpResponse.BodyHandlers.ofString()).statusCode(), header);
    }
    assertEquals(200, get("/metrics").statusCode());
  }

  @Test
  void aNodeThatCannotReachRedisIsNotHealthy() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      server = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build());
      assertEquals(200, get("/healthz").statusCode());
      redis.close();
      await().atMost(Duration.ofSeconds(15)).until(() -> get("/healthz").statusCode() == 503);
      redis.restart();
      await().atMost(Duration.ofSeconds(15)).until(() -> get("/healthz").statusCode() == 200);
    }
  }
}
