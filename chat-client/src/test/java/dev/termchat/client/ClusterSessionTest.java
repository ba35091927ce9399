package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import dev.termchat.testing.RedisServer;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The client against a node of a cluster whose Redis goes away for a while. */
class ClusterSessionTest {
  private static ChatSession session(ChatServer node, RecordingView view) {
    return new ChatSession(
        new ConnectionSettings(node.uri(), Duration.ofSeconds(5), Optional.empty(), Optional.empty()),
        false,
        "alice",
        view,
        new Backoff(Duration.ofMillis(100), Duration.ofMillis(200), new Random(1)),
        Executors.newSingleThreadScheduledExecutor());
  }

  @Test
  void aServerThatLetsTheClientInButTurnsItsRegisterAwayIsTriedEverLessOften() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ChatServer node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build())) {
      redis.close();
      RecordingView view = new RecordingView();
      ChatSession session = session(node, view);
      try {
        session.start();
        // Each attempt connects, is turned away (close 1012), and counts: the wait grows.
        view.await("reconnecting 3");
        redis.restart();
        view.await("reconnected alice");
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
      ChatSession session = session(node, view);
      try {
        assertEquals(Optional.empty(), session.start());
        view.await("connected alice");
        redis.close();
        session.say("kept through the outage");
        view.await("info the server cannot take lines just now");
        redis.restart();
        view.await("message alice: kept through the outage");
        view.await("info the server takes lines again");
        assertEquals(new Outbox.Report(1, 1, 0, 0, 0, 0, 0), session.awaitDelivery(Duration.ofSeconds(10)));
      } finally {
        session.close();
      }
    }
  }
}
