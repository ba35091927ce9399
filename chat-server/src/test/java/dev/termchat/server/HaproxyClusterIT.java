package dev.termchat.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.CuttableProxy;
import dev.termchat.testing.Haproxy;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample HAProxy configuration that OPERATIONS.md gives for a cluster, run by the real
 * HAProxy with only its addresses changed, in front of two nodes as real processes on one real
 * Redis. A client whose node is killed reconnects through the proxy as the page does (the same
 * address, its session's token) and lands on the other node, with its name and what it missed;
 * a node whose /healthz answers 503 is taken out, and its clients are moved.
 */
class HaproxyClusterIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");
  private static final Path SAMPLE =
      Path.of(System.getProperty("termchat.haproxy.config", "src/dist/haproxy/termchat.cfg"));
  /**
   * How long the proxy may take to see a change: three failed checks 2 s apart, after a node's
   * Redis is out of reach for its reader's timeout; with room to spare on a busy machine.
   */
  private static final Duration CHECKS = Duration.ofSeconds(45);

  @TempDir Path dir;
  /** What a test started, closed after it in reverse order. */
  private final List<AutoCloseable> started = new ArrayList<>();

  private record Node(RunningProcess process, int port) {}

  /** A user through the proxy: its name, its connection and its session's token. */
  private record Session(String name, WebSocketRecorder client, String token) {}

  @AfterEach
  void stop() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }

  private <T extends AutoCloseable> T started(T thing) {
    started.add(thing);
    return thing;
  }

  private Node node(URI redis) throws Exception {
    RunningProcess process =
        started(RunningProcess.javaJar(JAR, List.of("--port", "0", "--redis", redis.toString()), Map.of()));
    int port = Integer.parseInt(process.awaitStdout("^Listening on ws://127\\.0\\.0\\.1:(\\d+)$").group(1));
    return new Node(process, port);
  }

  private Haproxy proxy(Node... nodes) throws Exception {
    Haproxy proxy = started(Haproxy.start(SAMPLE, dir, List.of(nodes).stream().map(Node::port).toList()));
    awaitStatus(proxy, Map.of("node1", "UP", "node2", "UP"));
    return proxy;
  }

  private static void awaitStatus(Haproxy proxy, Map<String, String> statuses) {
    await()
        .atMost(CHECKS)
        .until(() -> proxy.servers().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().status())), statuses::equals);
  }

  /** Each server's open connections through the proxy. */
  private static Map<String, Integer> sessions(Haproxy proxy) throws InterruptedException {
    return proxy.servers().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sessions()));
  }

  /** Until these: the proxy counts a connection that ended once it has let go of both sides. */
  private static void awaitSessions(Haproxy proxy, Map<String, Integer> expected) {
    await().atMost(WebSocketRecorder.TIMEOUT).until(() -> sessions(proxy), expected::equals);
  }

  /** A WebSocket through the proxy, from the page the proxy serves, as a browser opens it. */
  private WebSocketRecorder pageSocket(Haproxy proxy) throws InterruptedException {
    WebSocketRecorder client = WebSocketRecorder.extended(proxy.uri());
    client.addHeader("Origin", proxy.origin());
    started(client::closeBlocking);
    client.open().nextFrame(Welcome.class);
    return client;
  }

  private Session join(Haproxy proxy, String name) throws InterruptedException {
    WebSocketRecorder client = pageSocket(proxy);
    client.send(new Register(name));
    Register reply = client.nextFrameAfterPresence(Register.class);
    assertEquals(name, reply.name());
    return new Session(name, client, Options.value(reply.options(), Wire.OPTION_TOKEN).orElseThrow());
  }

  /** What the page does when its connection ends: the same address, its token, where it was. */
  private WebSocketRecorder rejoin(Haproxy proxy, Session session, String lastSeen) throws InterruptedException {
    WebSocketRecorder back = pageSocket(proxy);
    List<String> options = new ArrayList<>(List.of(Options.of(Wire.OPTION_TOKEN, session.token())));
    if (lastSeen != null) {
      options.add(Options.of(Wire.OPTION_RESUME, lastSeen));
    }
    back.send(new Register(session.name(), options));
    assertEquals(session.name(), back.nextFrameAfterPresence(Register.class).name(), "its own name again");
    return back;
  }

  /** Says a line, and each listener hears it, as its sender does: its echo. */
  private static ChatMessage say(WebSocketRecorder from, String text, WebSocketRecorder... listeners) throws InterruptedException {
    from.send(new SendMessage(text));
    ChatMessage echo = from.nextMessage();
    assertEquals(text, echo.message());
    for (WebSocketRecorder listener : listeners) {
      assertEquals(text, listener.nextMessage().message());
    }
    return echo;
  }

  @Test
  void aClientOfAKilledNodeReconnectsThroughTheProxyToTheOtherAndChatsOn() throws Exception {
    RedisServer redis = started(RedisServer.start());
    List<Node> nodes = List.of(node(redis.uri()), node(redis.uri()));
    Haproxy proxy = proxy(nodes.get(0), nodes.get(1));
    assertEquals(200, proxy.get("/"), "the page, from a node");
    assertEquals(403, proxy.get("/metrics"), "a node's metrics stay on its machine");

    Session alice = join(proxy, "alice");
    Map<String, Integer> afterAlice = sessions(proxy);
    String aliceNode = afterAlice.get("node1") == 1 ? "node1" : "node2";
    String otherNode = aliceNode.equals("node1") ? "node2" : "node1";
    assertEquals(Map.of(aliceNode, 1, otherNode, 0), afterAlice);
    Session bob = join(proxy, "bob");
    assertEquals(Map.of(aliceNode, 1, otherNode, 1), sessions(proxy), "the next connection on the other node");
    String lastSeen = say(bob.client(), "before", alice.client()).id();

    nodes.get(aliceNode.equals("node1") ? 0 : 1).process().kill(); // SIGKILL: no close frame, no leave
    alice.client().nextCloseSkippingFrames();
    say(bob.client(), "while alice was away");

    // The proxy may not know yet that the node is dead: the connection it refuses is sent on.
    WebSocketRecorder back = rejoin(proxy, alice, lastSeen);
    assertEquals(new Resumed(true, 1), back.nextFrameAfterPresence(Resumed.class));
    assertEquals("while alice was away", back.nextFrameAfterPresence(ChatMessage.class).message());
    awaitSessions(proxy, Map.of(aliceNode, 0, otherNode, 2));
    say(back, "back, on the other node", bob.client());
    say(bob.client(), "welcome back", back);
    awaitStatus(proxy, Map.of(aliceNode, "DOWN", otherNode, "UP"));
  }

  @Test
  void aNodeWhoseHealthCheckFailsIsTakenOutAndItsClientsMoveToTheOther() throws Exception {
    RedisServer redis = started(RedisServer.start());
    CuttableProxy cable = started(new CuttableProxy(redis.uri()));
    Node steady = node(redis.uri());
    Node cutOff = node(cable.uri(redis.uri()));
    Haproxy proxy = proxy(steady, cutOff);
    Session carol = join(proxy, "carol");
    boolean carolCutOff = sessions(proxy).get("node2") == 1;
    Session dave = join(proxy, "dave");
    assertEquals(Map.of("node1", 1, "node2", 1), sessions(proxy), "one on each node");
    Session onCutOff = carolCutOff ? carol : dave;
    Session onSteady = carolCutOff ? dave : carol;

    cable.cut(); // node2 can no longer reach Redis: its /healthz answers 503
    awaitStatus(proxy, Map.of("node1", "UP", "node2", "DOWN"));
    Haproxy.Server out = proxy.servers().get("node2");
    assertEquals(List.of("L7STS", "503"), List.of(out.checkStatus(), out.checkCode()), "taken out by its /healthz");
    onCutOff.client().nextCloseSkippingFrames(); // closed as its node went out
    awaitSessions(proxy, Map.of("node1", 1, "node2", 0));

    WebSocketRecorder moved = rejoin(proxy, onCutOff, null);
    awaitSessions(proxy, Map.of("node1", 2, "node2", 0));
    say(moved, "moved to node1", onSteady.client());
    cable.restore();
    awaitStatus(proxy, Map.of("node1", "UP", "node2", "UP"));
  }
}
