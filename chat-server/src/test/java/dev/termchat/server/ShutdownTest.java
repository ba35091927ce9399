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
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.WebSocketRecorder;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server stopped while twenty clients chat, with frames still queued for them (small kernel
 * buffers, long messages): every message that any client saw echoed reaches every client before
 * its 1001, so a sender that has its echo may trust that everyone got it.
 */
class ShutdownTest {
  private static final int CLIENTS = 20;
  private static final String PADDING = "p".repeat(1000);

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(config -> config.socketSendBufferBytes(8 * 1024));

  private final FrameCodec codec = new FrameCodec();

  @Test
  void everyMessageEchoedToItsSenderReachesEveryoneBeforeTheirGoingAway() throws Exception {
    List<WebSocketRecorder> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      WebSocketRecorder client = chat.connectExtended();
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
              clients.get(i).send(new SendMessage(i + ":" + round + ":" + PADDING));
            } catch (WebsocketNotConnectedException e) {
              // Closed by the shutdown: nothing more to send on it.
            }
          }
        },
        0, 100, TimeUnit.MILLISECONDS);
    try {
      await().until(() -> rounds.get() >= 15);
      chat.server().close();
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

  @Test
  void framesQueuedForAClientThatFellBehindGoOutBeforeItsGoingAway() throws Exception {
    WebSocketRecorder alice = chat.connect();
    register(alice, "alice");
    try (RawWebSocket behind = RawWebSocket.connect(chat.uri(), Map.of(), 4096)) {
      behind.sendText("{\"messageType\":\"register\",\"data\":\"behind\"}");
      assertTrue(behind.readText().contains("behind"));
      alice.nextFrame(Users.class);
      // behind reads nothing while alice says 40 kB, more than the kernel buffers between them.
      for (int i = 0; i < 40; i++) {
        alice.send(new SendMessage(i + ":" + PADDING));
        assertEquals(i + ":" + PADDING, alice.nextFrame(ChatMessage.class).message());
      }
      Thread stopping = new Thread(() -> chat.server().close(), "stopping");
      stopping.start();

      // alice has every echo, so behind must get every line before the server's goodbye.
      int next = 0;
      while (true) {
        RawWebSocket.Frame frame = behind.readFrame(WebSocketRecorder.TIMEOUT);
        if (frame.opcode() == RawWebSocket.CLOSE) {
          assertEquals(CloseFrame.GOING_AWAY, frame.closeCode());
          break;
        }
        if (codec.decodeServerFrame(frame.text()) instanceof ChatMessage message) {
          assertEquals(next + ":" + PADDING, message.message());
          next++;
        }
      }
      assertEquals(40, next);
      stopping.join(WebSocketRecorder.TIMEOUT.toMillis());
    }
  }

  @Test
  void aShutdownTellsEachClientThatTheServerGoesAwayNotThatTheOthersLeft() throws Exception {
    List<WebSocketRecorder> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      // Base and extended ones: the ones told of leaves by users lists, and by "left" frames.
      WebSocketRecorder client = i % 2 == 0 ? chat.connect() : chat.connectExtended();
      if (i % 2 == 1) {
        client.nextFrame(Welcome.class);
      }
      register(client, "c" + i);
      clients.add(client);
    }
    // A marker: each has been told of every join by the time the last one's line reaches it.
    clients.get(CLIENTS - 1).send(new SendMessage("all here"));
    for (WebSocketRecorder client : clients) {
      assertEquals("all here", client.nextMessage().message());
    }

    chat.server().close();

    // The server lets them go one after another; none is told that another left.
    for (WebSocketRecorder client : clients) {
      assertEquals(new WebSocketRecorder.Closed(CloseFrame.GOING_AWAY, "server shutting down", true), client.next());
    }
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
