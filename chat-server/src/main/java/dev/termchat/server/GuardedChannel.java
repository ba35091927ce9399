package dev.termchat.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
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
  private static final byte CLOSE_FRAME_START = (byte) 0x88;

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
  private volatile boolean countedPerAddress;
  /** Bytes read before the handshake completed. Confined to the selector thread. */
  private int handshakeBytes;

  /** The server's own frames for this client, written after the library's. */
  private final Outbound outbound = new Outbound();

  /** Whether the 101 response is out; nothing of the server's may precede it. */
  private volatile boolean responseWritten;

  /** Bytes the outbound queue had written when the sweeper last looked. Sweeper thread only. */
  private long writtenAtLastLook = -1;

  /** Whether a close frame is out; nothing may follow it. */
  private volatile boolean closeWritten;

  /**
   * Held for every write to the socket: the selector thread writes the library's frames and
   * whatever of the server's had to wait; the room thread writes the server's frames itself when
   * nothing is waiting.
   */
  private final ReentrantLock writeLock = new ReentrantLock();

  /** Whether the selector thread was ever asked to write here. Guarded by {@link #writeLock}. */
  private boolean selectorWrites;

  /** The server, whose selector thread writes what cannot be written at once. */
  private final WebSocketListener server;

  /** What to write instead of the library's refusal of the handshake. */
  private volatile ByteBuffer refusal;

  GuardedChannel(
      ByteChannel inner,
      SocketChannel socket,
      SelectionKey key,
      ConnectionGuard guard,
      WebSocketListener server) {
    this.inner = inner;
    this.socket = socket;
    this.remote = socket.socket().getInetAddress();
    this.acceptedAtNanos = System.nanoTime();
    this.key = key;
    this.guard = guard;
    this.server = server;
  }

  /**
   * Whether nothing was written to this socket since the last time this was asked. Sweeper
   * thread only.
   */
  boolean stalledSinceLastLook() {
    long written = outbound.written();
    boolean stalled = written == writtenAtLastLook;
    writtenAtLastLook = written;
    return stalled;
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
    upgraded = true;
  }

  Outbound outbound() {
    return outbound;
  }

  boolean admitted() {
    return admitted;
  }

  /** Set at handshake when the connection counts towards its address's cap. */
  void markCountedPerAddress() {
    countedPerAddress = true;
  }

  boolean countedPerAddress() {
    return countedPerAddress;
  }

  void markAdmitted() {
    admitted = true;
  }

  /** True the first time only: the socket's place in the counts is given back once. */
  boolean markReleased() {
    return released.compareAndSet(false, true);
  }

  /** Bytes queued but not yet written: what a client that stopped reading makes pile up. */
  long backlog() {
    return outbound.bytes();
  }

  /**
   * Whether the peer is not taking what is sent: the kernel's send buffer for it is full. A peer
   * that reads keeps this false even while the server is behind in writing to it.
   */
  boolean writeBlocked() {
    return outbound.blocked();
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

  /**
   * Writes one of the library's own frames: the handshake response, a ping, a pong, a close.
   * When it was the last the library had queued, the server's frames follow at once, because
   * after writing its own queue the library stops watching the socket for writability.
   */
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
    writeLock.lock();
    try {
      // Once the 101 response is out, the library writes only whole frames; a close frame
      // starts with FIN and the close opcode.
      boolean closeFrame = responseWritten && src.hasRemaining() && src.get(src.position()) == CLOSE_FRAME_START;
      int count = inner.write(src);
      if (upgraded && !src.hasRemaining()) {
        responseWritten = true;
        closeWritten |= closeFrame;
        WebSocketImpl connection = connection();
        if (connection != null && connection.outQueue.size() <= 1) {
          writeOurs();
        }
      }
      return count;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Writes everything queued, the library's frames first, then the server's, now, on the calling
   * thread; and closes the connection when the library was only waiting for its close frame to
   * go out, as its selector loop would. Gives up, without waiting, when another thread is
   * writing, or for TLS, whose engine the selector thread owns.
   *
   * <p>Once the selector thread has been asked to write to this socket, it may take frames off
   * the library's queue at any time, with no lock this class can hold, so from then on the
   * library's frames are left to it alone.
   *
   * @return whether everything went out; if not, the selector thread must be asked
   */
  boolean writeAllNow() {
    WebSocketImpl connection = connection();
    if (inner != socket || connection == null || !writeLock.tryLock()) {
      return false;
    }
    boolean closeNow;
    try {
      if (selectorWrites && !connection.outQueue.isEmpty()) {
        return false;
      }
      ByteBuffer frame;
      while ((frame = connection.outQueue.peek()) != null) {
        write(frame);
        if (frame.hasRemaining()) {
          return false;
        }
        connection.outQueue.poll();
      }
      writeOurs();
      closeNow = connection.isFlushAndClose();
      if (!closeNow && !outbound.isEmpty()) {
        return false;
      }
    } catch (IOException e) {
      // The peer is gone; the selector thread sees the same error when it reads, and closes.
      return false;
    } finally {
      writeLock.unlock();
    }
    if (closeNow) {
      connection.closeConnection();
    }
    return true;
  }

  /**
   * Hands this socket's writing to the selector thread, for good as far as the library's own
   * queue goes; see {@link #writeAllNow}.
   */
  void handToSelector() {
    writeLock.lock();
    try {
      selectorWrites = true;
    } finally {
      writeLock.unlock();
    }
    WebSocketImpl connection = connection();
    if (connection != null) {
      server.onWriteDemand(connection);
    }
  }

  /**
   * Writes the server's queued frames now, on the calling thread, unless the selector thread is
   * writing to this socket or it is TLS, whose engine the selector thread owns.
   *
   * @return whether everything queued went out; if not, the selector thread must be asked
   */
  boolean writeNow() {
    if (inner != socket || !responseWritten || closeWritten || !writeLock.tryLock()) {
      return false;
    }
    try {
      writeOurs();
      return outbound.isEmpty();
    } catch (IOException e) {
      // The peer is gone; the selector thread sees the same error when it reads, and closes.
      return false;
    } finally {
      writeLock.unlock();
    }
  }

  /** Writes the server's queued frames, if the connection may still carry them. */
  private void writeOurs() throws IOException {
    if (!responseWritten) {
      return;
    }
    WebSocketImpl connection = connection();
    if (closeWritten || connection == null || !connection.isOpen()) {
      // After a close frame nothing more may be sent.
      outbound.clear();
      return;
    }
    outbound.writeTo(inner);
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

  /** The selector asks this once the library's own queue is empty. */
  @Override
  public boolean isNeedWrite() {
    return (inner instanceof WrappedByteChannel wrapped && wrapped.isNeedWrite())
        || (responseWritten && !outbound.isEmpty());
  }

  @Override
  public void writeMore() throws IOException {
    writeLock.lock();
    try {
      if (inner instanceof WrappedByteChannel wrapped && wrapped.isNeedWrite()) {
        wrapped.writeMore();
      }
      writeOurs();
    } finally {
      writeLock.unlock();
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
