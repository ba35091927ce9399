package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The per-client queue, on a channel that takes a set number of bytes per write. */
class OutboundTest {
  /** A socket stand-in: takes up to {@code room} bytes per call, counts the calls. */
  private static final class Socket implements GatheringByteChannel, ByteChannel {
    final ByteArrayOutputStream taken = new ByteArrayOutputStream();
    int room = Integer.MAX_VALUE;
    int calls;

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) {
      calls++;
      long written = 0;
      for (int i = offset; i < offset + length && written < room; i++) {
        while (sources[i].hasRemaining() && written < room) {
          taken.write(sources[i].get());
          written++;
        }
      }
      return written;
    }

    @Override
    public long write(ByteBuffer[] sources) {
      return write(sources, 0, sources.length);
    }

    @Override
    public int write(ByteBuffer source) {
      return (int) write(new ByteBuffer[] {source});
    }

    @Override
    public int read(ByteBuffer destination) {
      return 0;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}

    String text() {
      return taken.toString(StandardCharsets.US_ASCII);
    }
  }

  private static ByteBuffer frame(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
  }

  private final Outbound outbound = new Outbound();
  private final Socket socket = new Socket();

  @Test
  void everythingQueuedGoesOutInOrderInOneGatheringWrite() throws Exception {
    assertTrue(outbound.add(frame("a"), false), "the first frame asks for a write");
    assertFalse(outbound.add(frame("b"), false));
    assertFalse(outbound.add(frame("c"), false));
    assertEquals(3, outbound.bytes());

    assertTrue(outbound.writeTo(socket));
    assertEquals("abc", socket.text());
    assertEquals(1, socket.calls);
    assertTrue(outbound.isEmpty());
    assertEquals(0, outbound.bytes());
    assertEquals(3, outbound.written());
  }

  @Test
  void aFullSocketLeavesTheRestQueuedAndSaysSo() throws Exception {
    outbound.add(frame("hello"), false);
    outbound.add(frame("world"), false);
    socket.room = 7;
    assertFalse(outbound.writeTo(socket));
    assertTrue(outbound.blocked());
    assertEquals(3, outbound.bytes());

    socket.room = Integer.MAX_VALUE;
    assertTrue(outbound.writeTo(socket));
    assertFalse(outbound.blocked());
    assertEquals("helloworld", socket.text());
  }

  @Test
  void aWaitingUsersListIsReplacedByANewerOne() throws Exception {
    outbound.add(frame("[old list]"), true);
    outbound.add(frame("[new list]"), true);
    assertEquals(10, outbound.bytes());
    outbound.writeTo(socket);
    assertEquals("[new list]", socket.text());
  }

  @Test
  void aUsersListFollowedByAMessageStays() throws Exception {
    // The message's sender may be named only in the older list, which must come first.
    outbound.add(frame("[old list]"), true);
    outbound.add(frame("msg"), false);
    outbound.add(frame("[new list]"), true);
    outbound.writeTo(socket);
    assertEquals("[old list]msg[new list]", socket.text());
  }

  @Test
  void aUsersListPartlyWrittenIsNotReplaced() throws Exception {
    outbound.add(frame("[old list]"), true);
    socket.room = 4;
    outbound.writeTo(socket);
    outbound.add(frame("[new list]"), true);
    socket.room = Integer.MAX_VALUE;
    outbound.writeTo(socket);
    assertEquals("[old list][new list]", socket.text());
  }

  @Test
  void clearingDropsEverything() {
    outbound.add(frame("x"), false);
    outbound.clear();
    assertTrue(outbound.isEmpty());
    assertEquals(0, outbound.bytes());
  }
}
