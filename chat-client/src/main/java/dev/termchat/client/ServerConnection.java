package dev.termchat.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One attempt at a connection to the server; a reconnect is a new instance. Java-WebSocket runs
 * it on its own listener thread, which reports everything to a {@link ConnectionListener}: the
 * session, which only posts it to the session thread.
 *
 * <p>It offers the extension's subprotocol, but a server that echoes it proves nothing: the
 * session waits for the in-band welcome frame before it relies on the extension. Over wss:// the
 * server's host name is verified against its certificate (Java-WebSocket does so by default).
 */
final class ServerConnection extends WebSocketClient implements ServerLink {
  private static final Duration LATE_ERROR_GRACE = Duration.ofMillis(500);

  private final ConnectionListener listener;
  /** Keeps the server's answer when it refuses the upgrade, which says why better than its status. */
  private final RefusalReadingDraft draft;

  /** The first error reported, kept for the close callback. Guarded by {@code this}. */
  private Exception failure;
  /** How the connection ended. Guarded by {@code this}. */
  private int closeCode;
  private String closeReason;
  private boolean ended;

  private final CountDownLatch errorReported = new CountDownLatch(1);

  /** How often the server is pinged; it is given up after one to two of these without answer. */
  static final long LIVENESS_SECONDS = 10;

  ServerConnection(URI server, ConnectionSettings settings, ConnectionListener listener) {
    this(server, settings, listener, new RefusalReadingDraft());
  }

  private ServerConnection(URI server, ConnectionSettings settings, ConnectionListener listener, RefusalReadingDraft draft) {
    super(server, draft, settings.handshakeHeaders(), (int) settings.connectTimeout().toMillis());
    this.draft = draft;
    this.listener = listener;
    setTcpNoDelay(true);
    // A connection that goes silent (a network change, a pulled cable) is found out by pings:
    // the library's default of 60 s leaves a person typing into the void for over a minute.
    setConnectionLostTimeout((int) LIVENESS_SECONDS);
    settings.tls().ifPresent(context -> setSocketFactory(context.getSocketFactory()));
  }

  @Override
  public void onOpen(ServerHandshake handshake) {
    listener.opened(this);
  }

  @Override
  public void onMessage(String text) {
    listener.received(this, text);
  }

  @Override
  public void onMessage(ByteBuffer bytes) {
    // The protocol has no binary frames; a server that sends one is ignored, as unknown types are.
  }

  @Override
  public void onClose(int code, String reason, boolean remote) {
    Exception cause;
    synchronized (this) {
      // A refused upgrade is what went wrong, whatever the library made of it.
      cause = draft.refusal().<Exception>map(refusal -> refusal).orElse(failure);
      failure = cause;
      closeCode = code;
      closeReason = reason;
      ended = true;
    }
    listener.closed(this, code, reason, cause);
  }

  @Override
  public void onError(Exception ex) {
    synchronized (this) {
      if (failure == null) {
        failure = ex;
      }
    }
    errorReported.countDown();
  }

  /** Whether the close callback has run: set before Java-WebSocket releases its waiters. */
  synchronized boolean ended() {
    return ended;
  }

  /**
   * Why this connection never opened, for a person. Java-WebSocket reads and writes on two
   * threads; when a TLS handshake fails on the writing one, the reading one may report the close
   * before the writing one reports the cause, so the cause is given a moment to arrive.
   */
  String failureDescription() throws InterruptedException {
    errorReported.await(LATE_ERROR_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    synchronized (this) {
      return ConnectFailures.describe(closeCode, closeReason, failure);
    }
  }
}
