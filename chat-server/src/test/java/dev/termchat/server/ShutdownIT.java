package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.Test;

/**
 * The server jar stopped with SIGTERM while twenty clients chat: every message that any client
 * saw echoed reaches every client before its 1001, so a sender that has its echo may trust that
 * everyone got it; and the process exits 0.
 */
class ShutdownIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");
  private static final int CLIENTS = 20;

  private final FrameCodec codec = new FrameCodec();

  @Test
  void everyMessageEchoedToItsSenderReachesEveryoneBeforeTheirGoingAway() throws Exception {
    try (RunningProcess server = RunningProcess.javaJar(JAR, List.of("--port", "0"), Map.of())) {
      URI uri = URI.create(server.awaitStdout("^Listening on (ws://\\S+)$").group(1));
      chatUntilStopped(server, uri);
      assertEquals(0, server.awaitExit());
    }
  }

  private void chatUntilStopped(RunningProcess server, URI uri) throws Exception {
    List<WebSocketRecorder> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      WebSocketRecorder client = WebSocketRecorder.extended(uri).open();
      client.nextFrame(Welcome.class);
      register(client, "c" + i);
      clients.add(client);
    }
    ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
    AtomicInteger rounds = new AtomicInteger();
    // Ten messages a second from each client, as long as they are connected.
    senders.scheduleAtFixedRate(
        () -> {
          int round = rounds.getAndIncrement();
          for (int i = 0; i < CLIENTS; i++) {
            try {
              clients.get(i).send(new SendMessage(i + ":" + round));
            } catch (WebsocketNotConnectedException e) {
              // Closed by the shutdown: nothing more to send on it.
            }
          }
        },
        0, 100, TimeUnit.MILLISECONDS);
    try {
      await().until(() -> rounds.get() >= 15);
      server.terminate();
    } finally {
      senders.shutdown();
      senders.awaitTermination(5, TimeUnit.SECONDS);
    }

    List<Map<Integer, List<Integer>>> seen = new ArrayList<>();
    for (WebSocketRecorder client : clients) {
      seen.add(messagesUntilGoingAway(client));
    }
    int echoed = 0;
    for (int sender = 0; sender < CLIENTS; sender++) {
      List<Integer> echoes = seen.get(sender).getOrDefault(sender, List.of());
      echoed += echoes.size();
      for (int receiver = 0; receiver < CLIENTS; receiver++) {
        List<Integer> received = seen.get(receiver).getOrDefault(sender, List.of());
        Set<Integer> missing = new LinkedHashSet<>(echoes);
        received.forEach(missing::remove);
        assertTrue(missing.isEmpty(), "c" + receiver + " never got c" + sender + "'s echoed rounds " + missing);
        assertEquals(received.stream().sorted().toList(), received, "order of c" + sender + " at c" + receiver);
      }
    }
    assertTrue(echoed >= CLIENTS * 10, echoed + " messages echoed");
  }

  /** Every chat message the client got, as sender to rounds, until the 1001 that ends it. */
  private Map<Integer, List<Integer>> messagesUntilGoingAway(WebSocketRecorder client) throws Exception {
    Map<Integer, List<Integer>> rounds = new HashMap<>();
    while (true) {
      WebSocketRecorder.Event event = client.next();
      if (event instanceof WebSocketRecorder.Closed closed) {
        assertEquals(CloseFrame.GOING_AWAY, closed.code(), closed.toString());
        return rounds;
      }
      if (event instanceof WebSocketRecorder.Text text) {
        ServerFrame frame = codec.decodeServerFrame(text.text());
        if (frame instanceof ChatMessage message) {
          String[] parts = message.message().split(":");
          rounds.computeIfAbsent(Integer.parseInt(parts[0]), any -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
      }
    }
  }
}
