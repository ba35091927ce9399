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
import dev.termchat.testing.Metrics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /healthz}, {@code /metrics} and the page over real HTTP, on the chat's own port. */
class HttpEndpointsTest {
  private ChatServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return Metrics.get(server.uri(), path);
  }

  private Map<String, Double> scrape() throws Exception {
    return Metrics.scrape(server.uri());
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
    assertTrue(page.body().contains("<script type=\"module\" src=\"/app.js\"></script>"));
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
  void theJvmsFiguresAreServed() throws Exception {
    server = ChatServer.start(ServerConfig.builder().port(0).build());
    Map<String, Double> samples = scrape();
    assertTrue(Metrics.first(samples, "jvm_memory_used_bytes{area=\"heap\"") > 0, "heap in use: " + samples.keySet());
    assertTrue(samples.get("jvm_threads_live_threads") >= 1);
    assertTrue(samples.containsKey("jvm_gc_memory_allocated_bytes_total"), "collections: " + samples.keySet());
    assertTrue(samples.get("jvm_classes_loaded_classes") > 0);
    assertTrue(samples.get("system_cpu_count") >= 1);
    assertTrue(samples.get("process_files_open_files") > 0);
    assertTrue(samples.get("process_uptime_seconds") > 0);
  }

  @Test
  void redisStateIsServedAndFollowsRedis() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      server = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build());
      WebSocketRecorder alice = WebSocketRecorder.base(server.uri()).open();
      try {
        assertEquals("alice", register(alice, "alice"));
        // Checked every 2 s: the join, and the node's roster, are in the stream by the next.
        await().atMost(Duration.ofSeconds(15)).until(() -> scrape().get("termchat_redis_stream_entries") >= 2);
        Map<String, Double> samples = scrape();
        assertEquals(1.0, samples.get("termchat_redis_connected"));
        double roundTrip = samples.get("termchat_redis_round_trip_seconds");
        assertTrue(roundTrip > 0 && roundTrip < 2, "a round trip of " + roundTrip + " s");
        assertTrue(samples.get("termchat_redis_stream_bytes") > 100, "the join's bytes at least: " + samples);
        assertEquals(0.0, samples.get("termchat_redis_stream_trims_total"));
      } finally {
        alice.closeBlocking();
      }
      redis.close();
      await().atMost(Duration.ofSeconds(15)).until(() -> scrape().get("termchat_redis_connected") == 0.0);
    }
  }

  @Test
  void metricsAreRefusedToALoopbackRequestThatAProxyPassedOn() throws Exception {
    server = ChatServer.start(ServerConfig.builder().port(0).build());
    for (String header : new String[] {"X-Real-IP", "X-Forwarded-For", "Forwarded"}) {
      assertEquals(403, Metrics.get(server.uri(), "/metrics", Map.of(header, "203.0.113.9")).statusCode(), header);
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
