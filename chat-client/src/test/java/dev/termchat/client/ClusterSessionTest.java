package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The client against a node of a cluster whose Redis goes away for a while. */
class ClusterSessionTest {
  @Test
  void aServerThatLetsTheClientInButTurnsItsRegisterAwayIsTriedEverLessOftenAndNothingWasLost() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ChatServer node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build())) {
      redis.close();
      RecordingView view = new RecordingView();
      ChatSession session = QuickSessions.of("alice", view, node.uri());
      try {
        session.start();
        // Each attempt connects, is turned away (close 1012), and counts: the wait grows.
        view.await("reconnecting 1: the server cannot take you in just now (the server's store is out of reach) (never joined)");
        view.await("reconnecting 3: the server cannot take you in just now (the server's store is out of reach) (never joined)");
        redis.restart();
        // Its first join: not a return.
        view.await("connected alice");
        // A line's echo as the marker: whatever the join caused came before it.
        session.say("marker");
        view.await("message alice: marker");
        List<String> seen = view.all();
        assertTrue(
            seen.stream().noneMatch(event -> event.startsWith("lost") || event.startsWith("error") || event.startsWith("reconnected")),
            "a session that never joined lost no connection, and the turning away is said in the client's words: " + seen);
      } finally {
        session.close();
      }
    }
  }

  @Test
  void pipedLinesOfASessionTheServerKeepsTurningAwayAreGivenUpOnceNothingHappens() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ChatServer node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build())) {
      redis.close();
      RecordingView view = new RecordingView();
      // Piped: attempts every 0.1-0.2 s, each a connection the server lets in and then turns away.
      ChatSession session = QuickSessions.of("piper", view, node.uri());
      try {
        session.start();
        session.say("into the outage");
        DeliveryReport report =
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> session.awaitDelivery(Duration.ofSeconds(2)));
        assertEquals(new DeliveryReport(1, 0, 0, 0, 0, 1, 0, 0), report);
        assertTrue(view.all().stream().noneMatch(event -> event.startsWith("info not connected")), "no word on typing to a pipe: " + view.all());
      } finally {
        session.close();
      }
    }
  }

  @Test
  void aLineTheServerCannotTakeWhileRedisIsGoneIsKeptAndDeliveredOnceItIsBack() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ChatServer node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build())) {
      RecordingView view = new RecordingView();
      ChatSession session = QuickSessions.of("alice", view, node.uri());
      try {
        assertEquals(Optional.empty(), session.start());
        view.await("connected alice");
        redis.close();
        session.say("kept through the outage");
        view.await("info the server cannot take lines just now");
        redis.restart();
        view.await("message alice: kept through the outage");
        view.await("info the server takes lines again");
        // Kept, not lost: the server's "message not delivered" is not passed on, by the time the
        // line itself came through, after every refusal of it.
        assertTrue(view.all().stream().noneMatch(event -> event.startsWith("error")), view.all().toString());
        assertEquals(new DeliveryReport(1, 1, 0, 0, 0, 0, 0, 0), session.awaitDelivery(Duration.ofSeconds(10)));
      } finally {
        session.close();
      }
    }
  }

  @Test
  void linesKeptThroughALongOutageGoOutInTheOrderTyped() throws Exception {
    // The server's rate holds the client's lines back, so that they go out over several rounds.
    try (RedisServer redis = RedisServer.start();
        ChatServer node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).rate(10, 4).build())) {
      WebSocketRecorder bob = WebSocketRecorder.base(node.uri()).open();
      assertEquals("bob", register(bob, "bob"));
      RecordingView view = new RecordingView();
      // Retries every few tens of milliseconds: many rounds of refusals in a short outage.
      ChatSession session = QuickSessions.of("alice", view, node.uri());
      int lines = 12;
      try {
        assertEquals(Optional.empty(), session.start());
        view.await("connected alice");
        redis.close();
        for (int i = 1; i <= lines; i++) {
          session.say("line " + i);
        }
        // As long an outage, in refusals, as one of many seconds: each line refused over and over.
        await().atMost(Duration.ofSeconds(60)).until(() -> refusedAsUnavailable(node) >= 5 * lines);
        redis.restart();
        for (int i = 1; i <= lines; i++) {
          assertEquals("line " + i, bob.nextMessage().message());
        }
        assertEquals(new DeliveryReport(lines, lines, 0, 0, 0, 0, 0, 0), session.awaitDelivery(Duration.ofSeconds(10)));
      } finally {
        session.close();
        bob.close();
      }
    }
  }

  private static final Pattern UNAVAILABLE = Pattern.compile("(?m)^termchat_refusals_total\\{cause=\"unavailable\"\\} (\\S+)$");

  /** How many lines the node has refused as unavailable, from its /metrics. */
  private static double refusedAsUnavailable(ChatServer node) throws Exception {
    URI metrics = URI.create(node.uri().toString().replaceFirst("^ws", "http") + "/metrics");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    Matcher sample = UNAVAILABLE.matcher(response.body());
    return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
  }
}
