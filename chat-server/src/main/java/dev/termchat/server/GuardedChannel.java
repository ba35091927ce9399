package dev.termchat.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WrappedByteChannel;

/**
 * One client socket as Java-WebSocket reads and writes it, wrapped so the server can see what the
 * library does not show: how many bytes a client sent before completing its handshake, how many
 * bytes wait to be written to it, and when the socket is finally closed, whatever closed it.
 *
 * <p>It also lets the server answer a refused handshake with its own HTTP status: the library
 * only ever writes a 404.
 */
final class GuardedChannel implements WrappedByteChannel {
  /** A real handshake is a few hundred bytes; a client still talking past this is not one. */
  static final int MAX_HANDSHAKE_BYTES = 16 * 1024;

  private final ByteChannel inner;
  private final InetAddress remote;
  private final long acceptedAtNanos;
  private final ConnectionGuard guard;
  private final SelectionKey key;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Set by the worker thread once the handshake is accepted; read by the selector and sweeper. */
  private volatile boolean open;
  /** Set at handshake, when the connection counts towards the caps. */
  private volatile boolean admitted;
  /** Bytes read before the handshake completed. Confined to the selector thread. */
  private int handshakeBytes;

  /** Bytes queued for sending by the server and bytes written, since the handshake. */
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong written = new AtomicLong();

  /** What to write instead of the library's refusal of the handshake. */
  private volatile ByteBuffer refusal;

  GuardedChannel(ByteChannel inner, SocketChannel socket, SelectionKey key, ConnectionGuard guard) {
    this.inner = inner;
    this.remote = socket.socket().getInetAddress();
    this.acceptedAtNanos = System.nanoTime();
    this.key = key;
    this.guard = guard;
  }

  /** The library's connection for this socket. */
  WebSocketImpl connection() {
    return (WebSocketImpl) key.attachment();
  }

  InetAddress remoteAddress() {
    return remote;
  }

  long acceptedAtNanos() {
    return acceptedAtNanos;
  }

  boolean isOpenConnection() {
    return open;
  }

  void markOpen() {
    written.set(0);
    open = true;
  }

  boolean admitted() {
    return admitted;
  }

  void markAdmitted() {
    admitted = true;
  }

  /** Counts bytes the server queued for this client. */
  void queued(long bytes) {
    queued.addAndGet(bytes);
  }

  /** Bytes queued but not yet written: what a client that stopped reading makes pile up. */
  long backlog() {
    return Math.max(0, queued.get() - written.get());
  }

  /** Makes the next write, the library's 404 refusal, this response instead. */
  void refuseWith(String httpResponse) {
    refusal = ByteBuffer.wrap(httpResponse.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int read = inner.read(dst);
    if (!open && read > 0) {
      handshakeBytes += read;
      if (handshakeBytes > MAX_HANDSHAKE_BYTES) {
        throw new IOException("handshake over " + MAX_HANDSHAKE_BYTES + " bytes");
      }
    }
    return read;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ByteBuffer replacement = refusal;
    if (replacement != null && !open) {
      refusal = null;
      int length = src.remaining();
      src.position(src.limit());
      inner.write(replacement);
      return length;
    }
    int count = inner.write(src);
    if (open) {
      written.addAndGet(count);
    }
    return count;
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  /** Idempotent: the library may close a channel more than once. */
  @Override
  public void close() throws IOException {
    if (closed.compareAndSet(false, true)) {
      guard.released(this);
    }
    inner.close();
  }

  @Override
  public boolean isNeedWrite() {
    return inner instanceof WrappedByteChannel wrapped && wrapped.isNeedWrite();
  }

  @Override
  public void writeMore() throws IOException {
    if (inner instanceof WrappedByteChannel wrapped) {
      wrapped.writeMore();
    }
  }

  @Override
  public boolean isNeedRead() {
    return inner instanceof WrappedByteChannel wrapped && wrapped.isNeedRead();
  }

  @Override
  public int readMore(ByteBuffer dst) throws IOException {
    return inner instanceof WrappedByteChannel wrapped ? wrapped.readMore(dst) : 0;
  }

  @Override
  public boolean isBlocking() {
    return inner instanceof WrappedByteChannel wrapped
        ? wrapped.isBlocking()
        : inner instanceof SocketChannel socket && socket.isBlocking();
  }
}
