package dev.termchat.server;

import static dev.termchat.server.AccountsTest.PASSWORD;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendPrivate;
import dev.termchat.protocol.Welcome;
import dev.termchat.server.cluster.RedisAccounts;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts in a cluster, with a real Redis and nodes in this process: a name registered on one
 * node is kept on every node, one started later included; its owner logs in on another; a private
 * message to an offline owner, sent on one node, is delivered at a login on another; of two nodes
 * creating one account at once, one wins.
 */
class ClusterAccountsTest {
  private RedisServer redis;
  private final List<ChatServer> nodes = new ArrayList<>();
  private final List<WebSocketRecorder> clients = new ArrayList<>();

  @BeforeEach
  void startRedis() throws Exception {
    redis = RedisServer.start();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (WebSocketRecorder client : clients) {
      client.closeBlocking();
    }
    ClusterNodes.closeAll(nodes);
    redis.close();
  }

  private ChatServer node() throws Exception {
    ChatServer node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build());
    nodes.add(node);
    return node;
  }

  private WebSocketRecorder extended(ChatServer node) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.extended(node.uri()).open();
    clients.add(client);
    client.nextFrame(Welcome.class);
    return client;
  }

  private WebSocketRecorder base(ChatServer node) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.base(node.uri()).open();
    clients.add(client);
    return client;
  }

  /** Registers the name as an account on the node, then lets the name go, and waits until the other nodes saw it go. */
  private void registerAndLeave(ChatServer on, String name) throws Exception {
    WebSocketRecorder owner = extended(on);
    owner.send(new Register(name));
    owner.nextFrame(Register.class);
    owner.send(AccountRequest.register(PASSWORD));
    assertEquals(new AccountReply(AccountRequest.REGISTER, name), owner.nextFrameAfterPresence(AccountReply.class));
    owner.closeBlocking();
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.stream().noneMatch(node -> node.users().contains(name)));
  }

  @Test
  void aNameRegisteredOnOneNodeIsKeptOnEveryNodeAndItsOwnerLogsInOnAnother() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    registerAndLeave(first, "carol");

    assertEquals("carol-2", ChatFixture.register(base(second), "carol"), "kept on the other node");
    ChatServer late = node();
    assertEquals("Carol-3", ChatFixture.register(base(late), "Carol"), "and on one started after, a look-alike too");

    WebSocketRecorder owner = extended(second);
    owner.send(AccountRequest.login("carol", PASSWORD));
    assertEquals(new AccountReply(AccountRequest.LOGIN, "carol"), owner.nextFrame(AccountReply.class));
    assertEquals("carol", ChatFixture.register(owner, "carol"));
  }

  @Test
  void aPrivateMessageToAnOfflineOwnerSentOnOneNodeIsDeliveredAtALoginOnAnother() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    registerAndLeave(first, "bob");
    WebSocketRecorder alice = extended(second);
    ChatFixture.register(alice, "alice");
    alice.send(new SendPrivate("bob", "while you were out", "p1"));
    assertEquals("while you were out", alice.nextFrameAfterPresence(PrivateChat.class).message());

    WebSocketRecorder bob = extended(first);
    bob.send(AccountRequest.login("bob", PASSWORD));
    bob.nextFrame(AccountReply.class);
    bob.send(new Register("bob", List.of("history=0")));
    assertEquals("bob", bob.nextFrame(Register.class).name());
    PrivateChat kept;
    do {
      kept = bob.nextServerFrame() instanceof PrivateChat chat ? chat : null;
    } while (kept == null);
    assertEquals("alice", kept.from());
    assertEquals("while you were out", kept.message());
  }

  @Test
  void ofTwoNodesCreatingOneAccountAtOnceOneWins() throws Exception {
    for (int round = 0; round < 20; round++) {
      String key = "race" + round;
      RedisAccounts one = new RedisAccounts(redis.uri(), Duration.ofDays(1));
      RedisAccounts two = new RedisAccounts(redis.uri(), Duration.ofDays(1));
      CountDownLatch start = new CountDownLatch(1);
      CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> one.create(key, key, "h1")));
      CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> two.create(key, key, "h2")));
      start.countDown();
      assertEquals(1, (first.get() ? 1 : 0) + (second.get() ? 1 : 0), "one winner in round " + round);
      String winner = first.get() ? "h1" : "h2";
      assertEquals(winner, one.find(key).orElseThrow().hash());
      assertEquals(winner, two.find(key).orElseThrow().hash(), "both nodes read the winner");
    }
  }

  private static boolean awaitThen(CountDownLatch start, java.util.function.BooleanSupplier action) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return action.getAsBoolean();
  }
}
