package dev.termchat.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the connection counts and enforces the caps on them, and closes sockets that do not
 * complete the WebSocket handshake in time.
 *
 * <p>Sockets are counted from accept to close. Past {@code maxConnections} plus a sixteenth a
 * socket is closed as soon as it is accepted: each one holds a file descriptor, and when the
 * process runs out, Java-WebSocket closes its listening socket for good. Below that, connections
 * past the total or per-address caps are refused at the handshake with 503.
 */
final class ConnectionGuard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
  /** How long a half-closed socket waits for its peer to close before it is closed anyway. */
  private static final Duration LINGER = Duration.ofSeconds(2);
  private static final long SWEEP_MILLIS = 50;
  private static final int RESCUE_EVERY_SWEEPS = 4;

  private final ServerConfig config;
  private final int socketCap;
  private final AtomicInteger sockets = new AtomicInteger();
  private final AtomicInteger admitted = new AtomicInteger();
  private final Map<InetAddress, Integer> admittedByAddress = new ConcurrentHashMap<>();
  private final Set<GuardedChannel> handshaking = ConcurrentHashMap.newKeySet();
  private final Set<GuardedChannel> upgraded = ConcurrentHashMap.newKeySet();
  /** Half-closed sockets and when to close them regardless. */
  private final Map<GuardedChannel, Long> lingering = new ConcurrentHashMap<>();
  /** Sweeps so far. Sweeper thread only. */
  private long sweeps;
  /** Scratch space for discarding what lingering peers still send. Sweeper thread only. */
  private final ByteBuffer discard = ByteBuffer.allocate(16 * 1024);
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "handshake-timeouts");
            thread.setDaemon(true);
            return thread;
          });

  ConnectionGuard(ServerConfig config) {
    this.config = config;
    // Room for sockets still in their handshake beyond the admitted connections, so a burst of
    // clients meets the 503 of the caps rather than a closed socket.
    this.socketCap =
        (int) Math.min(Integer.MAX_VALUE, config.maxConnections() + Math.max(16L, config.maxConnections() / 16L));
    sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Wraps a socket just accepted; throws, which makes the library close it, past the cap. */
  GuardedChannel accepted(
      ByteChannel channel, SocketChannel socket, SelectionKey key, WebSocketListener server)
      throws IOException {
    if (sockets.incrementAndGet() > socketCap) {
      sockets.decrementAndGet();
      log.warn("Refusing a connection from {}: {} sockets open", socket.socket().getInetAddress(), socketCap);
      throw new IOException("too many sockets");
    }
    if (config.socketSendBufferBytes() > 0) {
      socket.setOption(StandardSocketOptions.SO_SNDBUF, config.socketSendBufferBytes());
    }
    GuardedChannel guarded = new GuardedChannel(channel, socket, key, this, server);
    handshaking.add(guarded);
    return guarded;
  }

  /**
   * Counts a connection whose handshake arrived; says why when a cap refuses it.
   *
   * @return the reason for a refusal, or empty when admitted
   */
  Optional<String> admit(GuardedChannel channel) {
    if (admitted.incrementAndGet() > config.maxConnections()) {
      admitted.decrementAndGet();
      return Optional.of("the server is full (" + config.maxConnections() + " connections)");
    }
    InetAddress address = channel.remoteAddress();
    if (config.limitLoopback() || !address.isLoopbackAddress()) {
      boolean[] full = {false};
      // compute() makes each count-and-check atomic against releases of the same address.
      admittedByAddress.compute(
          address,
          (any, count) -> {
            int current = count == null ? 0 : count;
            if (current >= config.maxConnectionsPerAddress()) {
              full[0] = true;
              return count;
            }
            return current + 1;
          });
      if (full[0]) {
        admitted.decrementAndGet();
        return Optional.of(
            "too many connections from "
                + address.getHostAddress()
                + " ("
                + config.maxConnectionsPerAddress()
                + ")");
      }
      channel.markCountedPerAddress();
    }
    channel.markAdmitted();
    return Optional.empty();
  }

  /** The handshake was accepted: the socket is a WebSocket connection now. */
  void upgraded(GuardedChannel channel) {
    channel.markUpgraded();
    handshaking.remove(channel);
    upgraded.add(channel);
  }

  /** A socket half-closed by the server: closed for good once its peer closes, or soon. */
  void lingering(GuardedChannel channel) {
    handshaking.remove(channel);
    upgraded.remove(channel);
    lingering.put(channel, System.nanoTime() + LINGER.toNanos());
  }

  /** Called once per socket, when it is closed for good. */
  void released(GuardedChannel channel) {
    if (!channel.markReleased()) {
      return;
    }
    handshaking.remove(channel);
    upgraded.remove(channel);
    lingering.remove(channel);
    if (upgraded.isEmpty() && lingering.isEmpty()) {
      synchronized (this) {
        notifyAll(); // A shutdown may be waiting for this.
      }
    }
    sockets.decrementAndGet();
    if (channel.admitted()) {
      admitted.decrementAndGet();
    }
    if (channel.countedPerAddress()) {
      admittedByAddress.computeIfPresent(channel.remoteAddress(), (any, count) -> count > 1 ? count - 1 : null);
    }
  }

  /** Sockets accepted and not yet closed. */
  int sockets() {
    return sockets.get();
  }

  /** Sockets this guard is still tracking, in any state; zero once every one has closed. */
  int tracked() {
    return handshaking.size() + upgraded.size() + lingering.size();
  }

  private void sweep() {
    closeStalledHandshakes();
    closeFinishedLingering();
    // Visiting every connection is the costly part of a sweep, and the rescue is rarely needed.
    if (++sweeps % RESCUE_EVERY_SWEEPS == 0) {
      rescueStalledWrites();
    }
  }

  /**
   * Java-WebSocket 1.6.0 can lose a write: when its selector thread finishes writing a
   * connection's queue, it sets the key's interest back to reads only, and a frame queued by
   * another thread just before that, whose write interest it overwrites, waits until something
   * else wakes the connection. Found by the fuzz and churn tests as replies that never came. The
   * same happens to the server's own queue when a socket fills while the library writes a frame
   * of its own. This gives such a connection its write interest back; a frame waits at most 200
   * ms.
   */
  private void rescueStalledWrites() {
    for (GuardedChannel channel : upgraded) {
      WebSocketImpl connection = channel.connection();
      if (connection == null) {
        continue;
      }
      boolean waiting = !connection.outQueue.isEmpty() || !channel.outbound().isEmpty();
      // A frame queued a moment ago may be waiting for the end of the room's batch; only one that
      // is still there, with nothing written since the last sweep, is stranded.
      if (waiting && channel.lostWriteInterest() && channel.stalledSinceLastLook()) {
        log.debug("Resuming writes to {}", channel.remoteAddress());
        channel.handToSelector();
      }
    }
  }

  private void closeFinishedLingering() {
    long now = System.nanoTime();
    for (Map.Entry<GuardedChannel, Long> entry : lingering.entrySet()) {
      GuardedChannel channel = entry.getKey();
      if (channel.drainAfterClose(discard) || now > entry.getValue()) {
        try {
          channel.closeNow();
        } catch (IOException e) {
          log.debug("Closing {} failed: {}", channel.remoteAddress(), e.toString());
        }
      }
    }
  }

  private void closeStalledHandshakes() {
    long deadline = System.nanoTime() - config.handshakeTimeout().toNanos();
    for (GuardedChannel channel : handshaking) {
      if (channel.acceptedAtNanos() < deadline && !channel.upgraded()) {
        handshaking.remove(channel);
        WebSocketImpl connection = channel.connection();
        log.debug("Closing {}: no handshake within {}", channel.remoteAddress(), config.handshakeTimeout());
        if (connection != null) {
          connection.closeConnection(CloseFrame.NEVER_CONNECTED, "handshake timeout");
        }
      }
    }
  }

  /** The HTTP response a refused handshake gets instead of the library's 404. */
  static String httpResponse(int status, String reason, String body, String... headers) {
    byte[] content = (body + "\n").getBytes(StandardCharsets.UTF_8);
    StringBuilder response = new StringBuilder();
    response.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
    for (String header : headers) {
      response.append(header).append("\r\n");
    }
    response.append("Content-Type: text/plain; charset=utf-8\r\n");
    response.append("Content-Length: ").append(content.length).append("\r\n");
    response.append("Connection: close\r\n\r\n");
    return response + new String(content, StandardCharsets.UTF_8);
  }

  /**
   * Waits, up to the time given, for every WebSocket connection to be closed, its close handshake
   * finished or its peer gone, so that a shutdown's close frames reach the clients rather than
   * being cut off by resets.
   */
  synchronized void awaitConnectionsClosed(Duration atMost) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!upgraded.isEmpty() || !lingering.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /**
   * Stops the sweeper and closes every socket still open. Once the selector thread has ended,
   * nothing else would close them.
   */
  @Override
  public void close() {
    sweeper.shutdownNow();
    List<GuardedChannel> open = new ArrayList<>(handshaking);
    open.addAll(upgraded);
    open.addAll(lingering.keySet());
    for (GuardedChannel channel : open) {
      try {
        channel.closeNow();
      } catch (IOException e) {
        log.debug("Closing {} failed: {}", channel.remoteAddress(), e.toString());
      }
    }
  }
}
