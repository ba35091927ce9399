package dev.termchat.server.edge;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.java_websocket.SSLSocketChannel2;

/**
 * Java-WebSocket's TLS channel, with one fix. Its {@code writeMore} writes encrypted bytes left
 * over from an earlier write by passing them through {@code write}, which once the handshake is
 * done encrypts its argument: it then wraps its own buffer into itself, and the engine fails the
 * connection. Here, after the handshake, the bytes left over are written as they are.
 */
final class TlsChannel extends SSLSocketChannel2 {
  TlsChannel(SocketChannel socket, SSLEngine engine, ExecutorService tasks, SelectionKey key)
      throws IOException {
    super(socket, engine, tasks, key);
  }

  @Override
  public void writeMore() throws IOException {
    HandshakeStatus status = sslEngine.getHandshakeStatus();
    if (status == HandshakeStatus.FINISHED || status == HandshakeStatus.NOT_HANDSHAKING) {
      socketChannel.write(outCrypt);
    } else {
      super.writeMore();
    }
  }
}
