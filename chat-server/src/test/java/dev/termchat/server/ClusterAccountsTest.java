package dev.termchat.server;

import static dev.termchat.server.AccountsTest.PASSWORD;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendPrivate;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.server.cluster.RedisAccounts;
import dev.termchat.server.settings.AccountOptions;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.Moderators;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts in a cluster, with a real Redis and nodes in this process: a name registered on one
 * node is kept on every node, one started later included; its owner logs in on another; a private
 * message to an offline owner, sent on one node, is delivered at a login on another; of two nodes
 * creating one account at once, one wins; a new password closes the account's other connections
 * on every node; failed logins, and accounts made per address, are counted alike on every node.
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
    assertEquals(new AccountReply(AccountRequest.REGISTER, name), AccountsTest.withoutToken(owner.nextFrameAfterPresence(AccountReply.class)));
    owner.closeBlocking();
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.stream().noneMatch(node -> node.users().contains(name)));
  }

  /**
   * Attack trial: the token from before a login resumed the logged-in session on another node.
   * Now every node renews it with the login, alike.
   */
  @Test
  void aTokenFromBeforeALoginResumesNothingOnAnotherNodeAndTheNewOneResumesIt() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    registerAndLeave(first, "alice");
    WebSocketRecorder owner = extended(first);
    owner.send(new Register("guest"));
    String before = owner.nextFrame(Register.class).token().orElseThrow();
    owner.send(AccountRequest.login("alice", PASSWORD));
    String renewed = owner.nextFrameAfterPresence(AccountReply.class).token();
    assertEquals("alice", owner.nextFrameAfterPresence(Register.class).name());
    owner.dropConnection();
    await().atMost(Duration.ofSeconds(10)).until(() -> !first.users().contains("alice") && !second.users().contains("alice"));

    WebSocketRecorder thief = extended(second);
    thief.send(new Register("alice", List.of(Wire.OPTION_TOKEN + "=" + before)));
    assertEquals(ErrorCode.INVALID_TOKEN.wireName(), thief.nextFrame(ErrorReply.class).code());
    thief.nextFrame(Register.class);
    WebSocketRecorder back = extended(second);
    back.send(new Register("alice", List.of(Wire.OPTION_TOKEN + "=" + renewed)));
    assertEquals("alice", back.nextFrame(Register.class).name());
  }

  /** In Redis as in the store: one sender has at most 10 kept for an account, its newest. */
  @Test
  void oneSenderHasAtMostTenKeptForAnAccountInRedis() throws Exception {
    ChatServer first = node();
    registerAndLeave(first, "bob");
    WebSocketRecorder carol = extended(first);
    ChatFixture.register(carol, "carol");
    OfflineMessagesTest.whisper(carol, "bob", "from a friend");
    WebSocketRecorder mallory = extended(first);
    ChatFixture.register(mallory, "mallory");
    List<String> expected = new ArrayList<>(List.of("carol: from a friend"));
    for (int i = 0; i < 15; i++) {
      OfflineMessagesTest.whisper(mallory, "bob", "flood " + i);
      if (i >= 5) {
        expected.add("mallory: flood " + i);
      }
    }
    WebSocketRecorder bob = extended(first);
    bob.send(AccountRequest.login("bob", PASSWORD));
    assertEquals(expected, OfflineMessagesTest.keptBeforeTheAnswer(bob), "kept messages come before the login's answer");
  }

  /** Attack trial: each node counted the accounts an address made alone. */
  @Test
  void accountsMadeFromAnAddressAreCountedOnEveryNodeAlike() throws Exception {
    List<ChatServer> two = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ServerConfig config = ServerConfig.builder().port(0).redis(redis.uri()).limitLoopback(true)
          .set(AccountOptions.REGISTRATIONS_PER_HOUR, 1).build();
      two.add(ChatServer.start(config));
    }
    nodes.addAll(two);
    WebSocketRecorder first = extendedFrom(two.get(0), "127.0.0.70");
    assertEquals("frank", ChatFixture.register(first, "frank"));
    first.send(AccountRequest.register(PASSWORD));
    assertEquals(new AccountReply(AccountRequest.REGISTER, "frank"), AccountsTest.withoutToken(first.nextFrameAfterPresence(AccountReply.class)));
    WebSocketRecorder second = extendedFrom(two.get(1), "127.0.0.70");
    assertEquals("grace", ChatFixture.register(second, "grace"));
    second.send(AccountRequest.register(PASSWORD));
    ErrorReply limited = second.nextFrameAfterPresence(ErrorReply.class);
    assertEquals(ErrorCode.RATE_LIMITED.wireName(), limited.code(), "the other node counts the first's: " + limited);
  }

  /** Attack trial: a thief logged in to the account kept its connection through a new password. */
  @Test
  void aNewPasswordOnOneNodeClosesTheAccountsConnectionOnAnother() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    registerAndLeave(first, "erin");
    WebSocketRecorder thief = extended(second);
    thief.send(AccountRequest.login("erin", PASSWORD));
    thief.nextFrame(AccountReply.class);
    assertEquals("erin", ChatFixture.register(thief, "erin"));

    WebSocketRecorder owner = extended(first);
    owner.send(AccountRequest.login("erin", PASSWORD));
    owner.nextFrame(AccountReply.class);
    owner.send(AccountRequest.changePassword(PASSWORD, "a brand new password"));
    assertEquals(new AccountReply(AccountRequest.PASSWORD, "erin"), AccountsTest.withoutToken(owner.nextFrameAfterPresence(AccountReply.class)));
    WebSocketRecorder.Closed closed = thief.nextCloseSkippingFrames();
    assertEquals(Wire.CLOSE_SIGNED_OUT, closed.code(), closed.toString());
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
    assertEquals(new AccountReply(AccountRequest.LOGIN, "carol"), AccountsTest.withoutToken(owner.nextFrame(AccountReply.class)));
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
    assertEquals(List.of("alice: while you were out"), OfflineMessagesTest.keptBeforeTheAnswer(bob), "before the login's answer");
    bob.send(new Register("bob", List.of("history=0")));
    assertEquals("bob", bob.nextFrame(Register.class).name());
  }

  @Test
  void ofTwoNodesCreatingOneAccountAtOnceOneWins() throws Exception {
    ExecutorService racers = Executors.newFixedThreadPool(2);
    try {
      racesOfTwo(racers);
    } finally {
      racers.shutdownNow();
    }
  }

  private void racesOfTwo(ExecutorService racers) throws Exception {
    for (int round = 0; round < 20; round++) {
      String key = "race" + round;
      RedisAccounts one = new RedisAccounts(redis.uri(), Duration.ofDays(1));
      RedisAccounts two = new RedisAccounts(redis.uri(), Duration.ofDays(1));
      CountDownLatch start = new CountDownLatch(1);
      // Threads of their own: the common pool has one thread on a 2-core machine, and the two would not race.
      CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> one.create(key, key, "h1")), racers);
      CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> two.create(key, key, "h2")), racers);
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

  /**
   * Attack trial: failed logins were bounded per address alone; a range's are now counted in
   * Redis too (25 at once), so the range is held on every node, and an address known to the
   * account is not held by it there either.
   */
  @Test
  void failedLoginsFromOneRangeOnOneNodeHoldTheRangeOnAnother() throws Exception {
    for (int i = 0; i < 2; i++) {
      nodes.add(ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).limitLoopback(true).build()));
    }
    WebSocketRecorder owner = extendedFrom(nodes.get(0), "127.0.14.1");
    owner.send(new Register("alice"));
    owner.nextFrame(Register.class);
    owner.send(AccountRequest.register(PASSWORD));
    owner.nextFrameAfterPresence(AccountReply.class);
    owner.closeBlocking();
    for (int host = 2; host <= 6; host++) {
      WebSocketRecorder attacker = extendedFrom(nodes.get(0), "127.0.14." + host);
      for (int attempt = 0; attempt < 5; attempt++) {
        attacker.send(AccountRequest.login("nobody" + host + "x" + attempt, "guess"));
        assertEquals(ErrorCode.LOGIN_FAILED.wireName(), AccountsTest.nextError(attacker).code());
      }
    }
    assertEquals(ErrorCode.RATE_LIMITED.wireName(), loginAnswer(nodes.get(1), "127.0.14.7", "guess"), "the range's count is the cluster's");
    assertEquals(ErrorCode.LOGIN_FAILED.wireName(), loginAnswer(nodes.get(1), "127.0.15.1", "guess"), "another range is not held");
    assertEquals("logged in", loginAnswer(nodes.get(1), "127.0.14.1", PASSWORD), "the owner's known address is held by its own count alone");
  }

  /**
   * Attack trial: each node counted failed logins alone, so n nodes let n times as many through.
   * Now they are counted in Redis: every node holds an address or an account alike, and knows the
   * addresses the owner logged in from on any node. On a clock the test moves.
   */
  @Test
  void failedLoginsOnOneNodeHoldTheAccountOnAnother() throws Exception {
    MovingClock clock = new MovingClock(Instant.parse("2026-12-07T09:00:00Z"));
    for (int i = 0; i < 2; i++) {
      ChatServer node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build(), clock);
      nodes.add(node);
    }
    WebSocketRecorder owner = extendedFrom(nodes.get(0), "127.0.0.50");
    owner.send(new Register("alice"));
    owner.nextFrame(Register.class);
    owner.send(AccountRequest.register(PASSWORD));
    assertEquals(new AccountReply(AccountRequest.REGISTER, "alice"), AccountsTest.withoutToken(owner.nextFrameAfterPresence(AccountReply.class)));
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
