package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 17 that made the server run out of heap, scaled down to a 64 MiB heap:
 * the server jar must stay up and serve a client that minds its own business, whatever the
 * attackers' connections make it hold within the limits.
 */
class HeapAttacksIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");
  /** The launcher's flags, at a quarter of its heap, so that an attack takes seconds. */
  private static final List<String> JVM = List.of("-Xmx64m", "-XX:+UseSerialGC", "-Xss512k");
  private static final Duration ATTACK_TIME = Duration.ofSeconds(60);

  /**
   * Readers that fall behind, but read often enough never to count as stalled: 64 KiB every
   * 100 ms, where the four senders of each send it 2.8 MB a second.
   */
  private static final int BEHIND = 4;
  private static final int SENDERS = 16;
  /** 4,000 control characters: each 6 bytes as JSON, 7 inside the private frame's data: 28 KB. */
  private static final String HEAVY_TEXT = "\\u0001".repeat(4000);

  /** Connections that each send 32,769 bytes of a 64 KiB frame, and then nothing. */
  private static final int HALF_SENDERS = 1500;

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final ScheduledExecutorService attackers = Executors.newScheduledThreadPool(4);

  @AfterEach
  void closeEverything() throws Exception {
    attackers.shutdownNow();
    // The clients first: a server stopping waits for the close handshakes of those still open.
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void privateMessagesQueuedToReadersThatFallBehindDoNotExhaustTheHeap() throws Exception {
    RunningProcess server = startServer();
    URI uri = URI.create(server.awaitStdout("^Listening on (ws://\\S+)$").group(1));
    WebSocketRecorder healthy = healthyClient(uri);

    for (int i = 0; i < BEHIND; i++) {
      RawWebSocket reader = extended(uri, "behind" + i, 256 * 1024);
      byte[] scratch = new byte[64 * 1024];
      attackers.scheduleWithFixedDelay(() -> readSome(reader, scratch), 0, 100, TimeUnit.MILLISECONDS);
    }
    for (int i = 0; i < SENDERS; i++) {
      RawWebSocket sender = extended(uri, "sender" + i, 0);
      drain(sender);
      String frame = "{\"messageType\":\"private\",\"data\":\"" + HEAVY_TEXT + "\",\"dataArray\":[\"to=behind" + (i % BEHIND) + "\"]}";
      for (int burst = 0; burst < ServerConfig.DEFAULT_BURST; burst++) {
        sender.sendText(frame);
      }
      attackers.scheduleAtFixedRate(() -> sendQuietly(sender, frame), 0, 40, TimeUnit.MILLISECONDS);
    }

    for (int i = 0; i < BEHIND; i++) {
      server.awaitStderr("behind\\d+ left from .*too slow");
    }
    attackers.shutdownNow();
    assertTrue(server.exitCodeIfExited().isEmpty(), "the server exited");
    assertServes(healthy, "still here");
  }

  @Test
  void halfSentFramesDoNotExhaustTheHeap() throws Exception {
    RunningProcess server = startServer();
    URI uri = URI.create(server.awaitStdout("^Listening on (ws://\\S+)$").group(1));
    WebSocketRecorder healthy = healthyClient(uri);

    // The header of a 65,535-byte frame, and half its payload: a buffer of 32 KiB for it.
    byte[] half = Arrays.copyOf(RawWebSocket.frame(true, RawWebSocket.TEXT, new byte[64 * 1024 - 1]), 2 + 2 + 4 + 32 * 1024);
    List<RawWebSocket> halfSent = new ArrayList<>();
    for (int i = 0; i < HALF_SENDERS && server.exitCodeIfExited().isEmpty(); i++) {
      RawWebSocket attacker;
      try {
        attacker = RawWebSocket.connect(uri, Map.of());
      } catch (IOException e) {
        break; // The server no longer answers: it is failing, or gone.
      }
      opened.add(attacker);
      if (sendQuietly(attacker, half)) {
        halfSent.add(attacker);
      }
    }
    // Once every half has been read on its own, one byte more doubles each buffer to 64 KiB.
    for (RawWebSocket attacker : halfSent) {
      sendQuietly(attacker, new byte[1]);
    }
    assertTrue(server.exitCodeIfExited().isEmpty(), "the server exited");
    assertServes(healthy, "still here");
    assertServes(healthy, "é".repeat(ServerConfig.DEFAULT_MAX_MESSAGE_CHARS)); // 8 KB: a buffer of its own
    server.awaitStderr("its message in progress was the oldest when others needed room");
  }

  /** An extended client, registered, with the frames after its register reply still unread. */
  private RawWebSocket extended(URI uri, String name, int receiveBuffer) throws IOException {
    RawWebSocket client = RawWebSocket.connect(uri, Map.of("Sec-WebSocket-Protocol", Wire.SUBPROTOCOL), receiveBuffer);
    opened.add(client);
    client.readText(); // welcome
    client.sendText("{\"messageType\":\"register\",\"data\":\"" + name + "\"}");
    String reply = client.readText();
    assertTrue(reply.contains(name), reply);
    return client;
  }

  /** Reads and drops whatever comes, on a thread of its own, until the connection ends. */
  private static void drain(RawWebSocket client) {
    Thread drainer =
        new Thread(
            () -> {
              byte[] scratch = new byte[64 * 1024];
              try (InputStream in = client.socket().getInputStream()) {
                client.socket().setSoTimeout(0);
                while (in.read(scratch) >= 0) {
                  // dropped
                }
              } catch (IOException e) {
                // The end of the connection, one way or another.
              }
            },
            "drain");
    drainer.setDaemon(true);
    drainer.start();
  }

  /** Reads what has arrived, up to the scratch's size, without waiting for more. */
  private static void readSome(RawWebSocket reader, byte[] scratch) {
    try {
      reader.socket().setSoTimeout(1);
      reader.socket().getInputStream().read(scratch);
    } catch (IOException e) {
      // Nothing yet, or the end: the server's log says which.
    }
  }

  /** Sends bytes the server may already have stopped reading; false when it has closed. */
  private static boolean sendQuietly(RawWebSocket attacker, byte[] bytes) {
    try {
      attacker.sendRaw(bytes);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sendQuietly(RawWebSocket sender, String frame) {
    try {
      sender.sendText(frame);
    } catch (IOException e) {
      throw new IllegalStateException("sender gone", e); // ends this sender's schedule
    }
  }

  /** The server jar at the small heap, closed after the test. */
  private RunningProcess startServer() throws Exception {
    RunningProcess server = RunningProcess.java(JVM, JAR, List.of("--port", "0"), Map.of());
    opened.add(server);
    return server;
  }

  /** A client that chats through the attack, and must go on doing so. */
  private WebSocketRecorder healthyClient(URI uri) throws Exception {
    WebSocketRecorder healthy = WebSocketRecorder.base(uri).open();
    opened.add(healthy::closeBlocking);
    register(healthy, "healthy");
    return healthy;
  }

  private static void assertServes(WebSocketRecorder healthy, String text) throws InterruptedException {
    healthy.send(new SendMessage(text));
    ChatMessage message = healthy.nextMessage();
    while (!message.message().equals(text)) {
      message = healthy.nextMessage();
    }
    assertEquals("healthy", message.from());
  }
}
