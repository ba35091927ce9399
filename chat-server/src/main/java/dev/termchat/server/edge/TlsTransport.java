package dev.termchat.server.edge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLEngine;
import org.java_websocket.SSLSocketChannel2;

/**
 * TLS over a socket: wss://, through Java-WebSocket's {@link SSLSocketChannel2} (as {@link
 * TlsChannel}, which fixes its {@code writeMore}), which drives the TLS handshake from reads and
 * writes and runs the engine's slow tasks on an executor.
 *
 * <p>Its behaviour that this class relies on, pinned by {@code JavaWebSocketBehaviourTest}:
 * a write hands back the count of encrypted bytes the socket took, not of the plain bytes
 * consumed, so consumption is measured on the buffer; encrypted bytes the socket did not take
 * stay inside it until {@code writeMore}; while the handshake runs it asks to be written to
 * ({@code isNeedWrite}) and sets the key's write interest itself; it may decrypt more than the
 * reader's buffer holds, which {@code isNeedRead} and {@code readMore} hand out.
 */
final class TlsTransport implements Transport {
  private final SocketChannel socket;
  private final TlsChannel tls;

  TlsTransport(SocketChannel socket, SSLEngine engine, ExecutorService tasks, SelectionKey key)
      throws IOException {
    this.socket = socket;
    this.tls = new TlsChannel(socket, engine, tasks, key);
  }

  @Override
  public SocketChannel socket() {
    return socket;
  }

  @Override
  public int read(ByteBuffer destination) throws IOException {
    int read = tls.read(destination);
    if (read == 0 && tls.isNeedRead()) {
      read = tls.readMore(destination);
    }
    return read;
  }

  @Override
  public boolean hasBufferedInput() {
    return tls.isNeedRead();
  }

  @Override
  public int write(ByteBuffer source) throws IOException {
    if (tls.isNeedWrite()) {
      tls.writeMore();
      if (tls.isNeedWrite()) {
        return 0;
      }
    }
    int before = source.remaining();
    tls.write(source);
    return before - source.remaining();
  }

  @Override
  public boolean hasPendingOutput() {
    return tls.isNeedWrite();
  }

  @Override
  public void writePending() throws IOException {
    tls.writeMore();
  }

  @Override
  public boolean writableFromAnyThread() {
    return false;
  }

  @Override
  public void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    if (socket.isOpen()) {
      tls.close(); // a close_notify, then the socket
    }
  }
}
