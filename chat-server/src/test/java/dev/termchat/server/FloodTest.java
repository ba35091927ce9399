package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.Heap;
import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.WebSocketRecorder;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.util.Map;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Floods of frames that no size or message-rate limit sees: endless empty fragments, and pings.
 * Each ends the flooding connection, leaves the heap as it was, and a new client chats as ever.
 */
class FloodTest {
  /** More than a flood that is stopped early leaves behind, far less than one that is not. */
  private static final long HEAP_SLACK = 16 * 1024 * 1024;

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private long heapBefore;

  @BeforeEach
  void measureHeap() {
    heapBefore = Heap.usedAfterGc();
  }

  @AfterEach
  void theHeapIsAsItWasAndTheServerServesANewClient() throws Exception {
    long grown = Heap.usedAfterGc() - heapBefore;
    assertTrue(grown < HEAP_SLACK, "the heap grew by " + grown + " bytes");
    WebSocketRecorder fresh = chat.connect();
    register(fresh, "fresh");
    fresh.send(new SendMessage("after the flood"));
    assertEquals("after the flood", fresh.nextFrame(ChatMessage.class).message());
  }

  @Test
  void endlessEmptyFragmentsCloseWith1009() throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(chat.uri(), Map.of())) {
      raw.sendFrame(false, RawWebSocket.TEXT, new byte[0]);
      // 500,000 empty fragments, 3 MB on the wire: no payload for a size limit to count.
      sendIgnoringAReset(raw, repeat(RawWebSocket.frame(false, RawWebSocket.CONTINUATION, new byte[0]), 50_000), 10);
      assertEquals(CloseFrame.TOOBIG, raw.awaitClose());
    }
  }

  @Test
  void aPingFloodFromAClientThatDoesNotReadEndsTheConnection() throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(chat.uri(), Map.of(), 4096)) {
      // 200,000 pings of 125 bytes, 26 MB, none of whose pongs this client reads meanwhile.
      sendIgnoringAReset(raw, repeat(RawWebSocket.frame(true, RawWebSocket.PING, new byte[125]), 10_000), 20);
      int pongs = countPongsUntilTheEnd(raw);
      assertTrue(pongs <= 2 * ServerConfig.DEFAULT_BURST, pongs + " pongs");
    }
  }

  @Test
  void aPingFloodFromAClientThatReadsGetsABurstOfPongsThenFlooding() throws Exception {
    try (RawWebSocket raw = RawWebSocket.connect(chat.uri(), Map.of())) {
      sendIgnoringAReset(raw, repeat(RawWebSocket.frame(true, RawWebSocket.PING, new byte[4]), 1000), 1);
      int pongs = 0;
      while (true) {
        RawWebSocket.Frame frame = raw.readFrame(WebSocketRecorder.TIMEOUT);
        if (frame.opcode() == RawWebSocket.PONG) {
          pongs++;
        } else if (frame.opcode() == RawWebSocket.CLOSE) {
          assertEquals(CloseFrame.POLICY_VALIDATION, frame.closeCode());
          assertEquals("flooding", new String(frame.payload(), 2, frame.payload().length - 2, "UTF-8"));
          break;
        }
      }
      assertTrue(pongs >= ServerConfig.DEFAULT_BURST && pongs <= 2 * ServerConfig.DEFAULT_BURST, pongs + " pongs");
    }
  }

  private static byte[] repeat(byte[] frame, int times) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(frame.length * times);
    for (int i = 0; i < times; i++) {
      bytes.writeBytes(frame);
    }
    return bytes.toByteArray();
  }

  /** Sends the chunk so many times; the server may end the connection meanwhile. */
  private static void sendIgnoringAReset(RawWebSocket raw, byte[] chunk, int times) {
    try {
      for (int i = 0; i < times; i++) {
        raw.sendRaw(chunk);
      }
    } catch (IOException e) {
      // The server closed the connection while the flood was still going: the point of it.
    }
  }

  /** Reads every frame until the connection ends; fails if it does not end within the timeout. */
  private static int countPongsUntilTheEnd(RawWebSocket raw) throws IOException {
    int pongs = 0;
    try {
      while (true) {
        RawWebSocket.Frame frame = raw.readFrame(WebSocketRecorder.TIMEOUT);
        if (frame.opcode() == RawWebSocket.PONG) {
          pongs++;
        }
      }
    } catch (EOFException | SocketException end) {
      return pongs;
    }
  }
}
