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
  @Test
  void aLineTheServerCannotTakeWhileRedisIsGoneIsKeptAndDeliveredOnceItIsBack() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ChatServer node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build())) {
      RecordingView view = new RecordingView();
      ChatSession session =
          new ChatSession(
              new ConnectionSettings(node.uri(), Duration.ofSeconds(5), Optional.empty(), Optional.empty()),
              false,
              "alice",
              view,
              new Backoff(Duration.ofMillis(100), Duration.ofMillis(200), new Random(1)),
              Executors.newSingleThreadScheduledExecutor());
      try {
        assertEquals(Optional.empty(), session.start());
        view.await("connected alice");
        redis.close();
        session.say("kept through the outage");
        view.await("info the server cannot take lines just now");
        redis.restart();
        view.await("message alice: kept through the outage");
        assertEquals(new Outbox.Report(1, 1, 0, 0, 0, 0, 0), session.awaitDelivery(Duration.ofSeconds(10)));
      } finally {
        session.close();
      }
    }
  }
}
