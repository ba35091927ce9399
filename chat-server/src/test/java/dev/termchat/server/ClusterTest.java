package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static dev.termchat.testing.ChatFixture.registerOnly;
import static dev.termchat.server.ClusterLines.lastMessageOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Wire;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.Metrics;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.RestoreParams;
import redis.clients.jedis.resps.StreamEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers that share one Redis are one room, whichever node each client reaches: what needs
 * Redis and real nodes. What the log's order decides alike on every node (a name clash, a resume
 * on another node, a strict client's list before a sender's message) is in the room's
 * SharedLogTest, with no Redis.
 */
class ClusterTest {
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

  private WebSocketRecorder client(ChatServer node) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.base(node.uri()).open();
    clients.add(client);
    return client;
  }



  @Test
  void clientsOnTwoNodesChatAsOneRoom() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    WebSocketRecorder alice = client(first);
    assertEquals("alice", register(alice, "alice"));
    WebSocketRecorder bob = client(second);
    bob.send(new Register("bob"));
    assertEquals("bob", bob.nextFrame(Register.class).name());
    assertEquals(List.of("alice", "bob"), bob.nextUsersNaming("bob").names());
    assertEquals(List.of("alice", "bob"), alice.nextUsersNaming("bob").names());

    alice.send(new SendMessage("hello from the first node"));
    ChatMessage atBob = bob.nextMessage();
    assertEquals("alice", atBob.from());
    assertEquals("hello from the first node", atBob.message());
    assertEquals("hello from the first node", alice.nextMessage().message());

    bob.send(new SendMessage("and back from the second"));
    assertEquals("and back from the second", alice.nextMessage().message());
    assertEquals("and back from the second", bob.nextMessage().message());
  }

  /**
   * Redis restarted from an older snapshot (RDB, its default): the stream goes back in time, to
   * entries every node applied long ago. Each node reads on from where the stream is now: nothing
   * said before comes again (it read the whole stream again from its start, and said it all twice).
   */
  @Test
  void aStreamThatWentBackToAnOlderSnapshotIsNotSaidAgain() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    WebSocketRecorder alice = client(first);
    assertEquals("alice", register(alice, "alice"));
    WebSocketRecorder bob = client(second);
    assertEquals("bob", register(bob, "bob"));
    alice.nextUsersNaming("bob");
    alice.send(new SendMessage("in the snapshot"));
    assertEquals("in the snapshot", bob.nextMessage().message());
    byte[] snapshot;
    try (Jedis jedis = new Jedis(redis.uri())) {
      snapshot = jedis.dump("termchat:room");
    }
    // Three entries after the snapshot: the stream, gone back, stays shorter than it was even after
    // both nodes append their rosters on finding it so.
    for (int i = 1; i <= 3; i++) {
      alice.send(new SendMessage("after the snapshot " + i));
      assertEquals("after the snapshot " + i, bob.nextMessage().message());
    }
    long entries;
    try (Jedis jedis = new Jedis(redis.uri())) {
      entries = jedis.xlen("termchat:room");
    }
    // Each node's check (every 2 s) has seen the stream whole, then sees it gone back.
    awaitStreamEntries(List.of(first, second), entries);
    try (Jedis jedis = new Jedis(redis.uri())) {
      jedis.restore("termchat:room", 0, snapshot, RestoreParams.restoreParams().replace());
    }
    for (ChatServer node : List.of(first, second)) {
      // Each node's check has seen the stream gone back, whatever the other appended meanwhile.
      await().atMost(Duration.ofSeconds(15)).until(() -> Metrics.scrape(node.uri()).get("termchat_redis_stream_entries") < entries);
    }
    alice.send(new SendMessage("after the rollback"));
    assertEquals("after the rollback", bob.nextMessage().message(), "nothing said before comes again");
  }

  private static void awaitStreamEntries(List<ChatServer> nodes, long entries) {
    for (ChatServer node : nodes) {
      await().atMost(Duration.ofSeconds(15)).until(() -> Metrics.scrape(node.uri()).get("termchat_redis_stream_entries") == entries);
    }
  }

  @Test
  void whileRedisIsOutOfReachAMessageIsRefusedAsUnavailableNotLost() throws Exception {
    ChatServer node = node();
    WebSocketRecorder alice = WebSocketRecorder.extended(node.uri()).open();
    clients.add(alice);
    alice.nextFrame(Welcome.class);
    alice.send(new Register("alice"));
    assertEquals("alice", alice.nextFrameAfterPresence(Register.class).name());
    redis.close();
    alice.send(new SendMessage("into the void?"));
    assertEquals(ErrorCode.UNAVAILABLE.wireName(), alice.nextFrameAfterPresence(ErrorReply.class).code());
  }

  /** Two base clients on two nodes, each named in the other's list. */
  private record OnTwoNodes(WebSocketRecorder alice, WebSocketRecorder bob) {}

  private OnTwoNodes aliceAndBobOnTwoNodes() throws Exception {
    WebSocketRecorder alice = client(node());
    assertEquals("alice", register(alice, "alice"));
    WebSocketRecorder bob = client(node());
    assertEquals("bob", register(bob, "bob"));
    alice.nextUsersExactly(List.of("alice", "bob"));
    return new OnTwoNodes(alice, bob);
  }

  private WebSocketRecorder extendedClient(ChatServer node) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.extended(node.uri()).open();
    clients.add(client);
    client.nextFrame(Welcome.class);
    return client;
  }

  @Test
  void aClientResumesOnAnotherNodeWithoutLoss() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    WebSocketRecorder alice = extendedClient(first);
    alice.send(new Register("alice"));
    Register reply = alice.nextFrameAfterPresence(Register.class);
    String token = Options.value(reply.options(), Wire.OPTION_TOKEN).orElseThrow();
    WebSocketRecorder bob = extendedClient(second);
    bob.send(new Register("bob"));
    bob.nextFrameAfterPresence(Register.class);
    bob.send(new SendMessage("seen by alice"));
    String lastSeen = alice.nextMessage().id();
    dropSayAndResume(alice, bob, second, token, lastSeen, List.of("m1", "m2", "m3"));
  }

  /**
   * Alice's connection drops, bob says these lines, and alice comes back on another node with her
   * token, resuming after this id, and is sent them all, in order.
   */
  private void dropSayAndResume(
      WebSocketRecorder alice, WebSocketRecorder bob, ChatServer other, String token, String after, List<String> lines)
      throws Exception {
    alice.dropConnection();
    for (String line : lines) {
      bob.send(new SendMessage(line));
    }
    String last = lines.get(lines.size() - 1);
    assertEquals(last, lastMessageOf(bob, last).message());

    WebSocketRecorder back = extendedClient(other);
    back.send(new Register("alice", List.of(Options.of(Wire.OPTION_TOKEN, token), Options.of(Wire.OPTION_RESUME, after))));
    assertEquals("alice", back.nextFrameAfterPresence(Register.class).name());
    assertEquals(new Resumed(true, lines.size()), back.nextFrameAfterPresence(Resumed.class));
    for (String line : lines) {
      assertEquals(line, back.nextFrameAfterPresence(ChatMessage.class).message());
    }
  }

  @Test
  void afterRedisRestartsEmptyTheChatGoesOnAndEveryLineIsDeliveredOrRefused() throws Exception {
    ChatServer first = node();
    ChatServer second = node();
    WebSocketRecorder alice = extendedClient(first);
    alice.send(new Register("alice"));
    alice.nextFrameAfterPresence(Register.class);
    WebSocketRecorder bob = client(second);
    assertEquals("bob", register(bob, "bob"));
    alice.nextUsersNaming("bob");

    redis.restart();
    // Say lines until one is taken again; each is either refused, and its sender told, or said.
    String said = null;
    for (int i = 0; said == null; i++) {
      alice.send(new SendMessage("after the restart " + i));
      ServerFrame answer = alice.nextServerFrame();
      while (!(answer instanceof ChatMessage || answer instanceof ErrorReply)) {
        answer = alice.nextServerFrame();
      }
      if (answer instanceof ChatMessage message) {
        said = message.message();
      } else {
        assertEquals(ErrorCode.UNAVAILABLE.wireName(), ((ErrorReply) answer).code());
      }
    }
    assertEquals(said, bob.nextMessage().message(), "the first line taken, and none refused before it");
    bob.send(new SendMessage("and bob too"));
    assertEquals("and bob too", alice.nextMessage().message());
  }

  /** Users lists until one that holds exactly these names, in any order. */
  private static void awaitUsers(WebSocketRecorder client, Set<String> names) throws InterruptedException {
    while (!(client.nextServerFrame() instanceof Users users && Set.copyOf(users.names()).equals(names))) {
      // The lists in between are of no interest.
    }
  }

  @Test
  void whenRedisComesBackEmptyEveryNodeSaysAgainWhoItHas() throws Exception {
    OnTwoNodes pair = aliceAndBobOnTwoNodes();
    WebSocketRecorder alice = pair.alice();
    WebSocketRecorder bob = pair.bob();

    redis.close();
    bob.closeBlocking(); // Its leave cannot be logged: only its own node knows it, for now.
    redis.restart(); // Empty: the joins of alice and bob are gone from the log.

    awaitUsers(alice, Set.of("alice"));
    WebSocketRecorder carol = client(node()); // Knows only what the new log says.
    assertEquals("carol", registerOnly(carol, "carol"));
    awaitUsers(carol, Set.of("alice", "carol"));
    awaitUsers(alice, Set.of("alice", "carol"));
  }

  @Test
  void aFrozenRedisStallsNoConnectionAndItsLinesAreRefusedByTheirIds() throws Exception {
    ChatServer node = node();
    WebSocketRecorder alice = extendedClient(node);
    alice.send(new Register("alice"));
    alice.nextFrameAfterPresence(Register.class);
    WebSocketRecorder bob = client(node);
    assertEquals("bob", register(bob, "bob"));
    alice.nextUsersNaming("bob");

    redis.freeze(); // Its sockets stay open and it answers nothing, as behind a pulled cable.
    try {
      alice.send(new SendMessage("into the freeze", "c1"));
      WebSocketRecorder late = extendedClient(node);
      // The newcomer was served while alice's line waited on Redis, and she was told nothing. The
      // room waits on Redis too, so the marker is one the edge answers itself.
      alice.assertNoMoreEventsBefore(alice.pingMarker());
      late.closeBlocking();
      ErrorReply refused = alice.nextFrameAfterPresence(ErrorReply.class);
      assertEquals(ErrorCode.UNAVAILABLE.wireName(), refused.code());
      assertEquals("c1", refused.clientId());
    } finally {
      redis.thaw();
    }
    // Sent again under its id until taken: said once, whatever Redis made of the first attempt.
    sayUntilTaken(alice, "into the freeze", "c1");
    sayUntilTaken(alice, "after", "c2");
    assertEquals("into the freeze", bob.nextMessage().message());
    assertEquals("after", bob.nextMessage().message());
  }

  /**
   * Says a line as a client that keeps what the server could not take does: again, under its
   * id, until its echo comes. Answers about other lines are skipped.
   */
  private static void sayUntilTaken(WebSocketRecorder client, String text, String clientId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ClusterLines.sayOnce(client, text, clientId));
  }

  @Test
  void theLogCarriesNoSecretThatWouldResumeASession() throws Exception {
    ChatServer node = node();
    WebSocketRecorder alice = extendedClient(node);
    alice.send(new Register("alice"));
    String token = Options.value(alice.nextFrameAfterPresence(Register.class).options(), Wire.OPTION_TOKEN).orElseThrow();
    String session = token.substring(0, token.indexOf('.'));
    String secret = token.substring(token.indexOf('.') + 1);
    try (Jedis jedis = new Jedis(redis.uri())) {
      List<StreamEntry> entries = jedis.xrange(Keepers.REDIS_STREAM, "-", "+");
      List<String> values = entries.stream().flatMap(entry -> entry.getFields().values().stream()).toList();
      assertTrue(values.stream().anyMatch(value -> value.startsWith(session + ".")), "the join is there: " + values);
      assertTrue(values.stream().noneMatch(value -> value.contains(secret)), "and no secret: " + values);
    }
  }

  @Test
  void aJoinTheLogCannotTakeEndsItsConnectionForItsClientToComeBack() throws Exception {
    ChatServer node = node();
    redis.close();
    WebSocketRecorder alice = extendedClient(node);
    alice.send(new Register("alice"));
    assertEquals(ErrorCode.UNAVAILABLE.wireName(), alice.nextFrame(ErrorReply.class).code());
    alice.nextClose(1012);
    WebSocketRecorder bob = client(node);
    bob.send(new Register("bob"));
    bob.nextClose(1012);
  }

  @Test
  void aFlushedRedisTakesNoOneForGoneAndANodeStartedAfterLearnsWhoIsOn() throws Exception {
    OnTwoNodes pair = aliceAndBobOnTwoNodes();
    WebSocketRecorder alice = pair.alice();
    WebSocketRecorder bob = pair.bob();

    try (Jedis jedis = new Jedis(redis.uri())) {
      jedis.flushAll(); // The stream and every node's key, gone at once.
    }
    // The keys come back with their nodes' next refresh, before anyone is judged by them.
    await()
        .during(Duration.ofSeconds(9))
        .atMost(Duration.ofSeconds(15))
        .until(() -> alice.framesSoFar().stream().noneMatch(frame -> frame instanceof Users users && !users.names().contains("bob")));
    WebSocketRecorder carol = client(node());
    assertEquals("carol", registerOnly(carol, "carol"));
    awaitUsers(carol, Set.of("alice", "bob", "carol"));
  }

  @Test
  void aJoinRedisTookAfterItsConnectionWasLetGoHoldsNoName() throws Exception {
    ChatServer node = node();
    redis.freeze();
    try {
      WebSocketRecorder frank = extendedClient(node);
      frank.send(new Register("frank"));
      assertEquals(ErrorCode.UNAVAILABLE.wireName(), frank.nextFrame(ErrorReply.class).code());
      frank.nextClose(1012);
    } finally {
      redis.thaw(); // Redis now applies the join it had taken: a connection already gone.
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              WebSocketRecorder again = extendedClient(node);
              again.send(new Register("frank"));
              ServerFrame answer = again.nextServerFrame();
              while (!(answer instanceof Register || answer instanceof ErrorReply)) {
                answer = again.nextServerFrame();
              }
              again.closeBlocking();
              return answer instanceof Register register && register.name().equals("frank");
            });
  }

  @Test
  void aLogBegunAnewBehindWhereTheNodesReadIsReadAgainFromItsStart() throws Exception {
    OnTwoNodes pair = aliceAndBobOnTwoNodes();
    WebSocketRecorder alice = pair.alice();
    WebSocketRecorder bob = pair.bob();
    try (Jedis jedis = new Jedis(redis.uri())) {
      // An entry from a minute ahead moves every reader there; then the stream is begun anew,
      // with ids of now, behind every reader.
      jedis.xadd(Keepers.REDIS_STREAM, new redis.clients.jedis.StreamEntryID(System.currentTimeMillis() + 60_000, 0), Map.of("type", "nonsense"));
      bob.send(new SendMessage("read past the future"));
      assertEquals("read past the future", alice.nextMessage().message());
      jedis.del(Keepers.REDIS_STREAM);
    }
    alice.send(new SendMessage("after the log began anew"));
    assertEquals("alice", lastMessageOf(bob, "after the log began anew").from());
  }

  @Test
  void aNodeThatStartsAppliesTheStreamsPastWithoutCountingIt() throws Exception {
    OnTwoNodes pair = aliceAndBobOnTwoNodes();
    for (int i = 0; i < 5; i++) {
      pair.alice().send(new SendMessage("before " + i));
    }
    pair.bob().send(new SendMessage("")); // Refused as empty, on every node.
    assertEquals("before 4", lastMessageOf(pair.bob(), "before 4").message());

    ChatServer late = node();
    WebSocketRecorder carol = client(late);
    assertEquals("carol", registerOnly(carol, "carol"));
    awaitUsers(carol, Set.of("alice", "bob", "carol")); // The past was applied: it knows who is on.
    pair.alice().send(new SendMessage("after 1"));
    pair.alice().send(new SendMessage("after 2"));
    assertEquals("after 2", lastMessageOf(carol, "after 2").message());

    Map<String, Double> samples = Metrics.scrape(late.uri());
    assertEquals(2.0, samples.get("termchat_messages_out_total"), "the two said since it started");
    assertEquals(2.0, samples.get("termchat_deliveries_total"), "each to carol, its one user");
    assertEquals(null, samples.get("termchat_refusals_total{cause=\"empty-message\"}"), "the refusal was before");
  }
}
