package dev.termchat.server.edge;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The bytes of one connection as the edge reads and writes them: the socket itself, or TLS over
 * it. Reads happen on the I/O thread only; writes on one thread at a time, see {@link
 * #writableFromAnyThread}.
 */
interface Transport {
  /** The socket underneath. */
  SocketChannel socket();

  /**
   * Reads what is available now.
   *
   * @return bytes read, 0 when nothing was, -1 at the end of the stream
   */
  int read(ByteBuffer destination) throws IOException;

  /**
   * Whether bytes already taken off the socket are waiting to be read, with no readiness event
   * to come for them (TLS records decrypted ahead).
   */
  boolean hasBufferedInput();

  /**
   * Writes as much of the buffer as the socket takes now. One buffer, not a gathering write: a
   * gathering write costs the JDK a thread-local table of native copies each call, which in a
   * fan-out was more of a delivery's user-space time than anything of ours.
   *
   * @return how many of its bytes were taken
   */
  int write(ByteBuffer source) throws IOException;

  /**
   * Whether the transport holds bytes of its own still to write, or must write before it can go
   * on (TLS handshake records); {@link #writePending} writes them.
   */
  boolean hasPendingOutput();

  void writePending() throws IOException;

  /**
   * Whether a thread other than the I/O thread may write: not for TLS, whose engine the I/O
   * thread also drives while reading.
   */
  boolean writableFromAnyThread();

  /** Ends the output direction (a FIN), keeping the input open to read what the peer still sends. */
  void shutdownOutput() throws IOException;

  /** Closes the socket, the kernel sending what it still holds for the peer first. Idempotent. */
  void close() throws IOException;

  /**
   * Closes the socket with a reset (SO_LINGER 0): the kernel drops at once what it still holds
   * for the peer, which a peer that keeps its window shut would otherwise pin, the socket
   * lingering in FIN-WAIT-1, long after the server let it go. Idempotent.
   */
  default void reset() throws IOException {
    try {
      if (socket().isOpen()) {
        socket().setOption(StandardSocketOptions.SO_LINGER, 0);
      }
    } finally {
      close();
    }
  }
}
