package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.Metrics;
import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the kernel holds for a client that stops reading, outside the server's queues: at most the
 * socket's send buffer while the connection is open, and nothing once the server has let it go
 * without a close handshake (the socket is reset, not left to linger with its buffer in
 * FIN-WAIT-1); a close handshake that runs its course still ends with a FIN.
 */
class KernelSendBufferTest {
  /** 4,000 control characters, each escaped in the JSON: a broadcast frame of over 24,000 bytes. */
  private static final String HEAVY = "\u0001".repeat(ServerConfig.DEFAULT_MAX_MESSAGE_CHARS);
  private static final int HEAVY_FRAME_BYTES = 24_000;
  /** The receive buffer of the client that stops reading: the kernel makes it 8 KiB. */
  private static final int SMALL_RECEIVE_BUFFER = 4096;

  private final List<AutoCloseable> opened = new ArrayList<>();
  private ChatServer server;

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The defaults but the rate, so that one sender fills a queue at once. */
  private static ServerConfig.Builder config() {
    return ServerConfig.builder().port(0).rate(1000, 1000);
  }

  @Test
  void theKernelTakesAtMostTheDefaultSendBufferOfAClientThatStopsReading() throws Exception {
    server = ChatServer.start(config().maxQueuedBytes(16L * 1024 * 1024).build());
    stuckClient();
    WebSocketRecorder sender = sender();
    int messages = 128;
    for (int i = 0; i < messages; i++) {
      sender.send(new SendMessage(HEAVY));
    }

    // Linux counts twice the send buffer, and a write may pass it by a segment (64 KiB on
    // loopback); the stuck client's receive buffer holds 8 KiB more. Left to size the buffer
    // itself, the kernel takes megabytes on loopback, and the server's queue holds that less.
    long sent = (long) messages * HEAVY_FRAME_BYTES;
    long kernelAtMost = 2L * ServerConfig.DEFAULT_SOCKET_SEND_BUFFER_BYTES + 64 * 1024 + 2 * SMALL_RECEIVE_BUFFER;
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Metrics.first(Metrics.scrape(server.uri()), "termchat_queued_bytes") >= sent - kernelAtMost);
  }

  @Test
  void aClientDroppedAsTooSlowIsReset() throws Exception {
    // 1 MiB queued at most for any client: 16 times this.
    server = ChatServer.start(config().maxQueuedBytes(64 * 1024).build());
    RawWebSocket stuck = stuckClient();
    WebSocketRecorder sender = sender();
    // Each line once the last came back: the sender, which reads, never falls behind itself, on
    // however busy a machine, while what the stuck client does not take piles up.
    for (int i = 0; i < 200 && server.trackedSockets() == 2; i++) { // 4.8 MB at most
      sender.send(new SendMessage(HEAVY));
      sender.nextMessage();
    }
    await().atMost(WebSocketRecorder.TIMEOUT).until(() -> server.trackedSockets() == 1); // stuck is gone

    assertEquals(new RawWebSocket.Ending(false, true), stuck.readUntilEnd(), "dropped outright, and its socket reset");
  }

  @Test
  void aClientThatNeverTakesItsCloseFrameIsResetAtTheCloseTimeout() throws Exception {
    server = ChatServer.start(config().build());
    RawWebSocket stuck = stuckClient();
    WebSocketRecorder sender = sender();
    // 600 KB: more than the kernel takes, less than the 1 MiB that drops a client as too slow.
    for (int i = 0; i < 25; i++) {
      sender.send(new SendMessage(HEAVY));
    }
    await().until(() -> Metrics.first(Metrics.scrape(server.uri()), "termchat_queued_bytes") > 0);
    stuck.sendFrame(true, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xe8});
    // The server's close frame waits behind what the client does not take, until the timeout.
    await().atMost(WebSocketRecorder.TIMEOUT).until(() -> server.trackedSockets() == 1);

    assertEquals(new RawWebSocket.Ending(false, true), stuck.readUntilEnd(), "no close frame, and the socket reset");
  }

  @Test
  void aCloseHandshakeThatRunsItsCourseEndsWithAFin() throws Exception {
    server = ChatServer.start(config().build());
    RawWebSocket client = stuckClient();
    client.sendFrame(true, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xe8});

    assertEquals(new RawWebSocket.Ending(true, false), client.readUntilEnd(), "the close frame, then the end of the stream");
  }

  /** A registered client with a small receive buffer, which the test may leave unread. */
  private RawWebSocket stuckClient() throws Exception {
    RawWebSocket stuck = RawWebSocket.connect(server.uri(), Map.of(), SMALL_RECEIVE_BUFFER);
    opened.add(stuck);
    stuck.sendText("{\"messageType\":\"register\",\"data\":\"stuck\"}");
    assertTrue(stuck.readText().contains("stuck"));
    return stuck;
  }

  /** A registered client that reads everything. */
  private WebSocketRecorder sender() throws Exception {
    WebSocketRecorder sender = WebSocketRecorder.base(server.uri()).open();
    opened.add(sender::closeBlocking);
    register(sender, "sender");
    return sender;
  }
}
