package dev.termchat.server;

import dev.termchat.protocol.FrameCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * A running chat server: a bound socket, the WebSocket endpoint serving it, and the room.
 *
 * <p>{@link #start} binds before it returns, so a port in use is reported to the caller at once
 * rather than later through Java-WebSocket's asynchronous error callback.
 */
public final class ChatServer implements AutoCloseable {
  private static final String GOING_AWAY_REASON = "server shutting down";

  private final ServerConfig config;
  private final ChatRoom room;
  private final ConnectionGuard guard;
  private final ChatEndpoint endpoint;
  private final InetSocketAddress boundAddress;
  private final Thread selectorThread;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ChatServer(ServerConfig config, ServerSocketChannel channel, Optional<SSLContext> tls)
      throws IOException {
    this.config = config;
    this.boundAddress = (InetSocketAddress) channel.getLocalAddress();
    FrameCodec codec = new FrameCodec();
    CompletableFuture<Void> failure = new CompletableFuture<>();
    this.room = new ChatRoom(codec, failure::completeExceptionally);
    this.guard = new ConnectionGuard(config);
    this.endpoint = new ChatEndpoint(channel, room, codec, config, guard, tls, failure);
    this.selectorThread = new Thread(endpoint, "chat-selector");
  }

  /**
   * Binds and starts a server.
   *
   * @throws java.net.BindException when the address is in use or not local
   * @throws IOException for any other failure to listen
   */
  public static ChatServer start(ServerConfig config) throws IOException {
    // Read the keystore first: a wrong path or password should not leave a port bound.
    Optional<SSLContext> tls =
        config.tls().isPresent()
            ? Optional.of(TlsContexts.serverContext(config.tls().get()))
            : Optional.empty();
    ServerSocketChannel channel = ServerSocketChannel.open();
    ChatServer server;
    try {
      // Lets a restarted server take its port back while old connections sit in TIME_WAIT.
      channel.socket().setReuseAddress(true);
      // Resolved here so an unknown host is an UnknownHostException, not an unresolved address.
      InetAddress address = InetAddress.getByName(config.host());
      channel.bind(new InetSocketAddress(address, config.port()), config.backlog());
      server = new ChatServer(config, channel, tls);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    server.room.start();
    server.selectorThread.start();
    return server;
  }

  /** The port actually bound, also when the configuration asked for port 0. */
  public int port() {
    return boundAddress.getPort();
  }

  /**
   * The address clients connect to, e.g. {@code ws://127.0.0.1:8080} or {@code wss://...}, with
   * the host as configured, so a wildcard or IPv6 host reads as the operator wrote it.
   */
  public URI uri() {
    String host = config.host();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create((config.tls().isPresent() ? "wss://" : "ws://") + host + ":" + port());
  }

  /** Sockets accepted and not yet closed, whether or not they completed a handshake. */
  public int openSockets() {
    return guard.sockets();
  }

  /** Sockets the server still keeps any record of; zero once every one has closed. */
  public int trackedSockets() {
    return guard.tracked();
  }

  /** Everyone online, in join order. */
  public List<String> users() {
    return room.names();
  }

  /** Completes exceptionally if the server stops on a fatal error of its own. */
  public CompletableFuture<Void> failure() {
    return endpoint.failure();
  }

  /**
   * Closes every connection with 1001 (going away), waits briefly for the close handshakes, and
   * releases the port. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      // The close frames go out while the selector thread still runs: Java-WebSocket's stop()
      // ends that thread as soon as it idles for a moment, and a close frame that has to wait
      // for it after that is dropped, its connection closed without one.
      endpoint.closeConnections(GOING_AWAY_REASON);
      guard.awaitConnectionsClosed(config.shutdownGrace());
      // Closes whoever connected meanwhile, and ends the selector thread.
      endpoint.stop((int) config.shutdownGrace().toMillis(), GOING_AWAY_REASON);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      room.close();
      guard.close();
    }
  }
}
