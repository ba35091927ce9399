package dev.termchat.server;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.ServerFrame;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, as the chat sees it. Attached to its {@link WebSocket}.
 *
 * <p>Sending is thread-safe and never blocks: a frame joins the connection's {@link Outbound}
 * queue and is written as far as the socket takes it at once. What is queued is bounded: a client that has stopped reading and whose backlog would pass the limit is
 * disconnected at once rather than allowed to hold the server's memory; any client whose backlog
 * would pass {@link ServerConfig#QUEUE_BURST_FACTOR} times the limit is too.
 */
final class Session {
  private static final Logger log = LoggerFactory.getLogger(Session.class);

  private final WebSocket socket;
  private final GuardedChannel channel;
  private final String address;
  private final boolean extended;
  private final FrameCodec codec;
  private final long maxQueuedBytes;
  private final long hardMaxQueuedBytes;
  private final RateLimiter rate;
  private final AtomicBoolean tooSlow = new AtomicBoolean();

  /** Written once by the room thread when the client registers; read by any thread. */
  private volatile String name;

  /** Written once by the room thread when the connection leaves; read only by the room thread. */
  private boolean gone;

  Session(
      WebSocket socket,
      GuardedChannel channel,
      InetSocketAddress remote,
      boolean extended,
      FrameCodec codec,
      ServerConfig config) {
    this.socket = socket;
    this.channel = channel;
    this.address = format(remote);
    this.extended = extended;
    this.codec = codec;
    this.maxQueuedBytes = config.maxQueuedBytes();
    this.hardMaxQueuedBytes = config.maxQueuedBytes() * ServerConfig.QUEUE_BURST_FACTOR;
    this.rate = new RateLimiter(config.messagesPerSecond(), config.burst(), System.nanoTime());
  }

  /** The peer's IP and port, e.g. {@code 127.0.0.1:49123} or {@code [::1]:49123}. */
  String address() {
    return address;
  }

  /** Whether the client negotiated the extension and may receive frames beyond the base three. */
  boolean extended() {
    return extended;
  }

  /** The registered name, or {@code null} before the client registered. */
  String name() {
    return name;
  }

  boolean registered() {
    return name != null;
  }

  void registerAs(String registeredName) {
    name = registeredName;
  }

  boolean gone() {
    return gone;
  }

  void markGone() {
    gone = true;
  }

  /** The connection's rate limit. Only its worker thread may use it. */
  RateLimiter rate() {
    return rate;
  }

  /**
   * Sends a frame, unless it is beyond the base protocol and this client did not negotiate the
   * extension: existing clients crash on types they do not know.
   */
  void send(ServerFrame frame) {
    if (extended || frame.isBase()) {
      send(OutgoingFrame.of(codec.encodeServerFrame(frame)));
    }
  }

  /** Queues a frame and writes it at once. */
  void send(OutgoingFrame frame) {
    if (enqueue(frame)) {
      flush();
    }
  }

  /**
   * Queues a frame, encoded once for any number of recipients, without writing it; a connection
   * that is closing is skipped.
   *
   * @return whether the queue was empty, so that {@link #flush} must follow
   */
  boolean enqueue(OutgoingFrame frame) {
    if (!socket.isOpen()) {
      return false; // Its close callback has been or will be delivered and removes it.
    }
    long backlog = channel.backlog() + frame.wireBytes();
    // A client that reads, but that the server is behind in writing to during a burst, may queue
    // more than one that has stopped reading: only the latter is holding memory for no reason.
    if (backlog > maxQueuedBytes && (channel.writeBlocked() || backlog > hardMaxQueuedBytes)) {
      disconnectTooSlow(backlog);
      return false;
    }
    return channel.outbound().add(frame.view(), frame.usersList());
  }

  /**
   * Writes what is queued, on this thread, with one gathering write; what the socket does not
   * take, or what cannot be written from here, the selector thread writes when it can.
   */
  void flush() {
    if (!channel.writeNow()) {
      channel.handToSelector();
    }
  }

  /** Tells an extended client why its frame was dropped; a base client is told nothing. */
  void reject(ErrorCode code, String reason) {
    log.info("Dropped a frame from {}: {}", describe(), Printable.escape(reason));
    send(ErrorReply.of(code, reason));
  }

  /** A short description for logs: the name when there is one, and the address. */
  String describe() {
    return name == null ? address : Printable.escape(name) + " (" + address + ")";
  }

  private void disconnectTooSlow(long backlog) {
    if (tooSlow.compareAndSet(false, true)) {
      log.info("Disconnecting {}: too slow, {} bytes waiting to be sent", describe(), backlog);
      // It is not reading, so a close frame would wait behind everything else: end the TCP
      // connection now and free what is queued.
      socket.closeConnection(CloseFrame.POLICY_VALIDATION, "too slow");
    }
  }

  private static String format(InetSocketAddress remote) {
    if (remote == null) {
      return "unknown";
    }
    String host =
        remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + remote.getPort() : host + ":" + remote.getPort();
  }
}
