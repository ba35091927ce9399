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
  private final SocketChannel socket;
  private final InetAddress remote;
  private final long acceptedAtNanos;
  private final ConnectionGuard guard;
  private final SelectionKey key;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean released = new AtomicBoolean();

  /**
   * Set by the worker thread when the server accepts the handshake, before its 101 response is
   * even queued: from then on the peer may send frames, which are no longer handshake bytes.
   * Read by the selector and sweeper threads.
   */
  private volatile boolean upgraded;
  /** Set at handshake, when the connection counts towards the caps. */
  private volatile boolean admitted;
  /** Bytes read before the handshake completed. Confined to the selector thread. */
  private int handshakeBytes;

  /** Bytes queued for sending by the server and bytes written, since the handshake. */
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong written = new AtomicLong();

  /** Whether the last write left bytes over: the kernel's buffer for this peer is full. */
  private volatile boolean writeBlocked;

  /** What to write instead of the library's refusal of the handshake. */
  private volatile ByteBuffer refusal;

  GuardedChannel(ByteChannel inner, SocketChannel socket, SelectionKey key, ConnectionGuard guard) {
    this.inner = inner;
    this.socket = socket;
    this.remote = socket.socket().getInetAddress();
    this.acceptedAtNanos = System.nanoTime();
    this.key = key;
    this.guard = guard;
  }

  /** Whether the selector has stopped watching this socket for writability. */
  boolean lostWriteInterest() {
    try {
      return key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) == 0;
    } catch (java.nio.channels.CancelledKeyException e) {
      return false; // Cancelled meanwhile: the connection is closing, nothing to write to.
    }
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

  boolean upgraded() {
    return upgraded;
  }

  void markUpgraded() {
    written.set(0);
    upgraded = true;
  }

  boolean admitted() {
    return admitted;
  }

  void markAdmitted() {
    admitted = true;
  }

  /** True the first time only: the socket's place in the counts is given back once. */
  boolean markReleased() {
    return released.compareAndSet(false, true);
  }

  /** Counts bytes the server queued for this client. */
  void queued(long bytes) {
    queued.addAndGet(bytes);
  }

  /** Bytes queued but not yet written: what a client that stopped reading makes pile up. */
  long backlog() {
    return Math.max(0, queued.get() - written.get());
  }

  /**
   * Whether the peer is not taking what is sent: the kernel's send buffer for it is full. A peer
   * that reads keeps this false even while the server is behind in writing to it.
   */
  boolean writeBlocked() {
    return writeBlocked;
  }

  /** Makes the next write, the library's 404 refusal, this response instead. */
  void refuseWith(String httpResponse) {
    refusal = ByteBuffer.wrap(httpResponse.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int read = inner.read(dst);
    if (!upgraded && read > 0) {
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
    if (replacement != null && !upgraded) {
      refusal = null;
      int length = src.remaining();
      src.position(src.limit());
      inner.write(replacement);
      return length;
    }
    int count = inner.write(src);
    writeBlocked = src.hasRemaining();
    if (upgraded) {
      written.addAndGet(count);
    }
    return count;
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  /**
   * Closes the socket, gracefully where it can. Java-WebSocket closes a connection as soon as its
   * close frame is written, but a peer that still sends (its own close frame, the rest of an
   * oversize frame) would then get a reset, and a reset can destroy the close frame before the
   * peer reads it. So a plain socket is half-closed here, and the guard closes it fully once the
   * peer has closed too or after a moment. Idempotent: the library may close a channel twice.
   */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (inner == socket && socket.isOpen()) {
      try {
        socket.shutdownOutput();
        guard.lingering(this);
        return;
      } catch (IOException e) {
        // Not connected any more: there is nothing to wait for, so close it now.
      }
    }
    closeNow();
  }

  /**
   * Reads and discards what the peer still sends after a graceful close; true once it has
   * closed its side too.
   */
  boolean drainAfterClose(ByteBuffer scratch) {
    try {
      int read;
      do {
        scratch.clear();
        read = socket.read(scratch);
      } while (read > 0);
      return read < 0;
    } catch (IOException e) {
      return true; // Reset or closed: nothing more will come.
    }
  }

  /** Closes the socket at once and gives its place back. Idempotent. */
  void closeNow() throws IOException {
    try {
      inner.close();
    } finally {
      guard.released(this);
    }
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
