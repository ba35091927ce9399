package dev.termchat.server.edge;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * A connection's bytes in memory, as OkHttp tests its WebSocket over buffers: the test feeds
 * what the peer sends, and reads what the server wrote. Its "socket" takes {@link #room} bytes
 * more and then no more until the test makes room, as a peer that stops reading does.
 */
final class MemoryTransport implements Transport {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  /** What the peer sends and the server has not read yet. Test thread only. */
  private final Deque<ByteBuffer> input = new ArrayDeque<>();
  /** What the server wrote and the test has not taken yet. Guarded by this. */
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  /** How many more bytes the socket takes. Guarded by this. */
  private long room = Long.MAX_VALUE;
  /** How many writes found the socket full. Guarded by this. */
  private int fullWrites;
  private boolean inputEnded;
  private volatile boolean outputShut;
  private volatile boolean closed;
  private volatile boolean reset;

  /** The peer sends these bytes, written as hex pairs. */
  void feed(String hex) {
    if (hex.isBlank()) {
      return;
    }
    input.add(ByteBuffer.wrap(HEX.parseHex(hex.replaceAll("\\s+", " ").strip())));
  }

  void feedText(String text) {
    input.add(ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
  }

  /** The peer ends its side. */
  void endInput() {
    inputEnded = true;
  }

  synchronized void room(long bytes) {
    room = bytes;
  }

  synchronized int fullWrites() {
    return fullWrites;
  }

  /** What the server wrote since the last call, as hex pairs. */
  synchronized String takeHex() {
    String hex = HEX.formatHex(written.toByteArray());
    written.reset();
    return hex;
  }

  /** What the server wrote since the last call, as text. */
  synchronized String takeText() {
    String text = written.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    written.reset();
    return text;
  }

  boolean outputShut() {
    return outputShut;
  }

  boolean closed() {
    return closed;
  }

  boolean wasReset() {
    return reset;
  }

  @Override
  public SocketChannel socket() {
    throw new UnsupportedOperationException("in memory");
  }

  @Override
  public int read(ByteBuffer destination) {
    ByteBuffer next = input.peek();
    if (next == null) {
      return inputEnded ? -1 : 0;
    }
    int count = Math.min(next.remaining(), destination.remaining());
    destination.put(next.slice(next.position(), count));
    next.position(next.position() + count);
    if (!next.hasRemaining()) {
      input.poll();
    }
    return count;
  }

  @Override
  public boolean hasBufferedInput() {
    return false;
  }

  @Override
  public synchronized int write(ByteBuffer source) {
    if (outputShut || closed) {
      throw new AssertionError("a write after the output ended");
    }
    int taken = 0;
    while (source.hasRemaining() && room > 0) {
      written.write(source.get());
      room--;
      taken++;
    }
    if (taken == 0) {
      fullWrites++;
    }
    return taken;
  }

  @Override
  public boolean hasPendingOutput() {
    return false;
  }

  @Override
  public void writePending() {}

  @Override
  public boolean writableFromAnyThread() {
    return true;
  }

  @Override
  public void shutdownOutput() {
    outputShut = true;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public void reset() {
    reset = true;
    closed = true;
  }
}
