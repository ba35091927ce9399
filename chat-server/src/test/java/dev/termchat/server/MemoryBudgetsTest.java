package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.SendPrivate;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.WebSocketRecorder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The budgets that all connections share, each set small on a real server: bytes queued, in all
 * and per address, and input still arriving. The heap they protect is {@code HeapAttacksIT}'s.
 */
class MemoryBudgetsTest {
  /** 4,000 control characters: 28 KB in the private frame its recipient is sent. */
  private static final String HEAVY = "\u0001".repeat(ServerConfig.DEFAULT_MAX_MESSAGE_CHARS);
  private static final int BUDGET = 1024 * 1024;

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

  /**
   * The defaults but for the budget under test, and limits for a single client that it never
   * reaches; the send buffer is fixed, or on loopback the kernel would hold megabytes.
   */
  private ServerConfig.Builder config() {
    return ServerConfig.builder().port(0).socketSendBufferBytes(64 * 1024).maxQueuedBytes(64L * BUDGET);
  }

  @Test
  void theReaderHoldingMostIsDroppedWhenAllQueuesTogetherAreFull() throws Exception {
    server = ChatServer.start(config().maxQueuedBytesTotal(BUDGET).build());
    assertTheReaderThatStoppedIsDroppedAndTheSenderServedOn();
  }

  @Test
  void theReaderHoldingMostIsDroppedWhenTheQueuesOfItsAddressAreFull() throws Exception {
    server = ChatServer.start(config().limitLoopback(true).maxQueuedBytesPerAddress(BUDGET).build());
    assertTheReaderThatStoppedIsDroppedAndTheSenderServedOn();
  }

  /** A reader that takes nothing, sent private messages until the budget drops it. */
  private void assertTheReaderThatStoppedIsDroppedAndTheSenderServedOn() throws Exception {
    RawWebSocket reader = RawWebSocket.connect(server.uri(), Map.of("Sec-WebSocket-Protocol", Wire.SUBPROTOCOL), 4096);
    opened.add(reader);
    reader.readText(); // welcome
    reader.sendText("{\"messageType\":\"register\",\"data\":\"reader\"}");
    assertTrue(reader.readText().contains("reader"));
    WebSocketRecorder sender = WebSocketRecorder.extended(server.uri()).open();
    opened.add(sender::closeBlocking);
    sender.nextText(); // welcome
    register(sender, "sender");

    // 60 at once, as the burst allows: 1.7 MB for the reader, more than the budget and kernel take.
    for (int i = 0; i < ServerConfig.DEFAULT_BURST; i++) {
      sender.send(new SendPrivate("reader", HEAVY, "c" + i));
    }
    sender.nextUsersExactly(List.of("sender")); // The reader, which read nothing, is gone.
    assertFalse(reader.readFramesUntilEnd(), "dropped outright, as too slow, not closed with a frame");
    sender.send(new SendMessage("still here"));
    ChatMessage message = sender.nextMessage();
    assertEquals("still here", message.message(), "the sender, whose echoes were written, stays");
  }

  @Test
  void theMessageBegunTheLongestAgoIsClosedWith1013WhenANewerOneNeedsRoom() throws Exception {
    server = ChatServer.start(config().maxUnfinishedBytes(85 * 1024).build());
    WebSocketRecorder healthy = WebSocketRecorder.base(server.uri()).open();
    opened.add(healthy::closeBlocking);
    register(healthy, "healthy");
    RawWebSocket oldest = halfAMessage();
    RawWebSocket newer = halfAMessage();

    // 8 KB more, with 80 KiB held of 85: room is made down to 85 - 85/8 - 8.
    String large = "é".repeat(ServerConfig.DEFAULT_MAX_MESSAGE_CHARS);
    healthy.send(new SendMessage(large));
    assertEquals(large, healthy.nextMessage().message());
    assertEquals(1013, oldest.awaitClose());
    newer.sendFrame(true, RawWebSocket.PING, new byte[0]);
    assertEquals(RawWebSocket.PONG, newer.readFrame(Duration.ofSeconds(10)).opcode(), "the newer one is still open");
  }

  /**
   * A connection holding 40 KiB of a message: its first fragment, which the server has read once
   * it answers the ping sent after it.
   */
  private RawWebSocket halfAMessage() throws IOException {
    RawWebSocket client = RawWebSocket.connect(server.uri(), Map.of());
    opened.add(client);
    client.sendFrame(false, RawWebSocket.TEXT, "a".repeat(40 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    client.sendFrame(true, RawWebSocket.PING, new byte[0]);
    assertEquals(RawWebSocket.PONG, client.readFrame(Duration.ofSeconds(10)).opcode());
    return client;
  }
}
