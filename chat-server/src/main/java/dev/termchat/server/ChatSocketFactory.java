package dev.termchat.server;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.java_websocket.SSLSocketChannel2;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;

/**
 * Creates each connection with this server's draft, and wraps each socket: in TLS when the server
 * serves wss://, and always in a {@link GuardedChannel}.
 *
 * <p>The server is built on a channel it bound itself, and that constructor of Java-WebSocket
 * takes no drafts, so they come from here.
 */
final class ChatSocketFactory implements WebSocketServerFactory {
  /**
   * The draft each connection's is copied from at its handshake. Shared: the library only ever
   * copies it, and creating one costs a SecureRandom.
   */
  private final ChatDraft template;
  private final ConnectionGuard guard;
  private final Optional<SSLContext> tls;
  private final WebSocketListener server;
  private final ExecutorService tlsTasks;

  ChatSocketFactory(
      int maxMessageBytes, ConnectionGuard guard, Optional<SSLContext> tls, WebSocketListener server) {
    this.template = new ChatDraft(maxMessageBytes);
    this.guard = guard;
    this.tls = tls;
    this.server = server;
    this.tlsTasks = tls.isPresent() ? Executors.newSingleThreadExecutor(daemon("tls-tasks")) : null;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft ignored) {
    return new WebSocketImpl(new WriteThroughListener(adapter), template.copyInstance());
  }

  @Override
  public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> ignored) {
    return new WebSocketImpl(new WriteThroughListener(adapter), List.of(template));
  }

  @Override
  public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
    ByteChannel inner = channel;
    if (tls.isPresent()) {
      SSLEngine engine = tls.get().createSSLEngine();
      engine.setUseClientMode(false);
      inner = new SSLSocketChannel2(channel, engine, tlsTasks, key);
    }
    return guard.accepted(inner, channel, key, server);
  }

  @Override
  public void close() {
    if (tlsTasks != null) {
      tlsTasks.shutdownNow();
    }
  }
}
