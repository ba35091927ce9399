package dev.termchat.server;

import static dev.termchat.server.AccountsTest.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.Moderators;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failed logins counted in a cluster's Redis: every node holds an address or an account alike,
 * and knows the addresses its owner logged in from on any node. Two nodes in this process on one
 * real Redis, on a clock the test moves.
 */
class ClusterLoginLimitsTest {
  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T09:00:00Z"));
  private RedisServer redis;
  private final List<ChatServer> nodes = new ArrayList<>();
  private final List<WebSocketRecorder> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start();
    for (int i = 0; i < 2; i++) {
      nodes.add(ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build(), clock));
    }
  }

  @AfterEach
  void stopAll() throws Exception {
    for (WebSocketRecorder client : clients) {
      client.closeBlocking();
    }
    ClusterNodes.closeAll(nodes);
    redis.close();
  }

  private WebSocketRecorder extendedFrom(ChatServer node, String localAddress) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.extended(node.uri());
    client.setSocketFactory(Moderators.boundTo(localAddress));
    clients.add(client.open());
    client.nextFrame(Welcome.class);
    return client;
  }

  private String loginAnswer(ChatServer node, String localAddress, String password) throws InterruptedException {
    WebSocketRecorder client = extendedFrom(node, localAddress);
    client.send(AccountRequest.login("alice", password));
    ServerFrame answer = client.nextServerFrame();
    return answer instanceof AccountReply ? "logged in" : answer instanceof ErrorReply error ? error.code() : answer.toString();
  }

  /** Attack trial: each node counted failed logins alone, so n nodes let n times as many through. */
  @Test
  void failedLoginsOnOneNodeHoldTheAccountOnAnother() throws Exception {
    WebSocketRecorder owner = extendedFrom(nodes.get(0), "127.0.0.50");
    owner.send(new Register("alice"));
    owner.nextFrame(Register.class);
    owner.send(AccountRequest.register(PASSWORD));
    assertEquals(new AccountReply(AccountRequest.REGISTER, "alice"), owner.nextFrameAfterPresence(AccountReply.class));
    owner.closeBlocking();

    WebSocketRecorder attacker = extendedFrom(nodes.get(0), "127.0.0.60");
    for (int attempt = 0; attempt < 5; attempt++) {
      attacker.send(AccountRequest.login("alice", "guess " + attempt));
      assertEquals(ErrorCode.LOGIN_FAILED.wireName(), AccountsTest.nextError(attacker).code());
    }
    assertEquals(ErrorCode.RATE_LIMITED.wireName(), loginAnswer(nodes.get(1), "127.0.0.61", "guess 5"),
        "the account's count is the cluster's");
    assertEquals(ErrorCode.RATE_LIMITED.wireName(), loginAnswer(nodes.get(1), "127.0.0.60", PASSWORD),
        "so is the address's");
    assertEquals("logged in", loginAnswer(nodes.get(1), "127.0.0.50", PASSWORD),
        "the address it registered from on the other node is known to the account");

    clock.advance(Duration.ofSeconds(334));
    assertEquals("logged in", loginAnswer(nodes.get(1), "127.0.0.61", PASSWORD));
  }
}
