package dev.termchat.client.bench;

import dev.termchat.protocol.Wire;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One of the bench's connections, driven by its event loop without a thread of its own, so that
 * ten thousand of them cost one thread: the handshake, then frames. Not thread-safe.
 */
final class BenchConnection {
  enum State {
    CONNECTING,
    HANDSHAKING,
    OPEN,
    CLOSED
  }

  /** What the event loop is told about this connection. */
  interface Events {
    void opened(BenchConnection connection) throws IOException;

    void frame(BenchConnection connection, int opcode, byte[] bytes, int offset, int length)
        throws IOException;

    void closed(BenchConnection connection, boolean wasOpen, String why);
  }

  private static final byte[] END_OF_HEADERS = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  final int index;
  private final SocketChannel channel;
  private final SelectionKey key;
  private final Events events;
  private final URI server;
  /** Whether the handshake offers the extension's subprotocol, as a rooms client must. */
  private final boolean extended;
  private final FrameReader frames = new FrameReader();
  /** Hands each frame read to the events, made once rather than per read. */
  private final FrameReader.Sink sink;
  private final ArrayDeque<ByteBuffer> writes = new ArrayDeque<>();
  private final ByteBuffer handshake = ByteBuffer.allocate(4096);
  private State state = State.CONNECTING;

  private BenchConnection(
      int index, SocketChannel channel, SelectionKey key, Events events, URI server, boolean extended) {
    this.index = index;
    this.channel = channel;
    this.key = key;
    this.events = events;
    this.server = server;
    this.extended = extended;
    this.sink = (opcode, bytes, offset, length) -> events.frame(this, opcode, bytes, offset, length);
  }

  static BenchConnection open(int index, URI server, boolean extended, Selector selector, Events events)
      throws IOException {
    return open(index, server, extended, null, selector, events);
  }

  /**
   * @param source the local address to connect from, or {@code null} for the kernel's choice:
   *     each local address has its own ephemeral ports, so spreading over several gets past one
   *     address's (about 28,000 on Linux)
   */
  static BenchConnection open(
      int index, URI server, boolean extended, InetAddress source, Selector selector, Events events) throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      if (source != null) {
        channel.bind(new InetSocketAddress(source, 0));
      }
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.connect(new InetSocketAddress(server.getHost(), port(server)));
      SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
      BenchConnection connection = new BenchConnection(index, channel, key, events, server, extended);
      key.attach(connection);
      return connection;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  State state() {
    return state;
  }

  /** Handles what the selector found ready; any failure closes the connection. */
  void ready(ByteBuffer scratch) {
    try {
      if (key.isConnectable()) {
        if (!channel.finishConnect()) {
          return;
        }
        state = State.HANDSHAKING;
        send(ByteBuffer.wrap(upgradeRequest()));
      }
      if (key.isValid() && key.isWritable()) {
        flush();
      }
      if (key.isValid() && key.isReadable()) {
        read(scratch);
      }
    } catch (IOException | RuntimeException e) {
      close(BenchFailures.describe(e));
    }
  }

  /** Queues a frame; writes at once what the socket takes. */
  void send(ByteBuffer bytes) throws IOException {
    if (state == State.CLOSED) {
      return;
    }
    if (writes.isEmpty()) {
      channel.write(bytes);
      if (!bytes.hasRemaining()) {
        updateInterest();
        return;
      }
    }
    writes.add(bytes);
    updateInterest();
  }

  void close(String why) {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasOpen = state == State.OPEN;
    state = State.CLOSED;
    key.cancel();
    try {
      channel.close();
    } catch (IOException e) {
      why = why + "; closing failed: " + e.getMessage();
    }
    events.closed(this, wasOpen, why);
  }

  private void flush() throws IOException {
    while (!writes.isEmpty()) {
      ByteBuffer next = writes.peek();
      channel.write(next);
      if (next.hasRemaining()) {
        break;
      }
      writes.poll();
    }
    updateInterest();
  }

  private void updateInterest() {
    int interest = state == State.CONNECTING ? SelectionKey.OP_CONNECT : SelectionKey.OP_READ;
    if (!writes.isEmpty()) {
      interest |= SelectionKey.OP_WRITE;
    }
    if (key.isValid() && key.interestOps() != interest) {
      key.interestOps(interest);
    }
  }

  private void read(ByteBuffer scratch) throws IOException {
    while (state != State.CLOSED) {
      scratch.clear();
      int read = channel.read(scratch);
      if (read < 0) {
        close("the server closed the connection");
        return;
      }
      if (read == 0) {
        return;
      }
      scratch.flip();
      if (state == State.HANDSHAKING) {
        readHandshake(scratch);
      }
      if (state == State.OPEN && scratch.hasRemaining()) {
        frames.feed(scratch, sink);
      }
    }
  }

  private void readHandshake(ByteBuffer input) throws IOException {
    while (input.hasRemaining()) {
      if (!handshake.hasRemaining()) {
        throw new IOException("handshake response over " + handshake.capacity() + " bytes");
      }
      handshake.put(input.get());
      if (endsWith(handshake, END_OF_HEADERS)) {
        String response = new String(handshake.array(), 0, handshake.position(), StandardCharsets.US_ASCII);
        if (!response.startsWith("HTTP/1.1 101")) {
          throw new IOException("handshake refused: " + response.lines().findFirst().orElse(""));
        }
        state = State.OPEN;
        events.opened(this);
        return;
      }
    }
  }

  private static boolean endsWith(ByteBuffer buffer, byte[] suffix) {
    int end = buffer.position();
    if (end < suffix.length) {
      return false;
    }
    for (int i = 0; i < suffix.length; i++) {
      if (buffer.get(end - suffix.length + i) != suffix[i]) {
        return false;
      }
    }
    return true;
  }

  private byte[] upgradeRequest() {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String path = server.getRawPath() == null || server.getRawPath().isEmpty() ? "/" : server.getRawPath();
    return ("GET " + path + " HTTP/1.1\r\n"
            + "Host: " + server.getHost() + ":" + port(server) + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
            + (extended ? "Sec-WebSocket-Protocol: " + Wire.SUBPROTOCOL + "\r\n" : "")
            + "Sec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The port of a ws:// URL, 80 when it names none. */
  private static int port(URI server) {
    return server.getPort() > 0 ? server.getPort() : 80;
  }
}
