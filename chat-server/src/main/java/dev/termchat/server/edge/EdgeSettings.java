package dev.termchat.server.edge;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the WebSocket edge is configured with; see the server's configuration for each limit.
 *
 * @param maxMessageBytes the largest message, fragments counted together, a client may send
 * @param maxFragments the most frames one message may come in, empty ones included
 * @param maxMessageChars the longest chat message, in characters
 * @param messagesPerSecond the sustained rate of messages, and apart from them of control
 *     frames, a connection may send
 * @param burst how many of either a connection may send at once
 * @param maxQueuedBytes bytes waiting to be written to a client that stopped reading
 * @param hardMaxQueuedBytes bytes waiting to be written to any client
 * @param maxQueuedBytesTotal heap held by what waits to be written, all clients together
 * @param maxQueuedBytesPerAddress the same, the clients of one address together (unless exempt,
 *     as loopback is from the per-address cap)
 * @param maxUnfinishedBytes heap held by handshakes and messages still arriving, all clients
 *     together
 * @param stallGrace how long a client may take nothing before it counts as having stopped reading
 * @param registrationTimeout how long an open connection may go without registering
 * @param closeTimeout how long a closing connection waits for its peer to finish the close
 * @param socketSendBufferBytes the kernel's send buffer per socket, 0 to let the kernel size it
 */
public record EdgeSettings(
    int maxMessageBytes,
    int maxFragments,
    int maxMessageChars,
    int messagesPerSecond,
    int burst,
    int maxConnections,
    int maxConnectionsPerAddress,
    boolean limitLoopback,
    long maxQueuedBytes,
    long hardMaxQueuedBytes,
    long maxQueuedBytesTotal,
    long maxQueuedBytesPerAddress,
    long maxUnfinishedBytes,
    Duration stallGrace,
    Duration pingInterval,
    Duration handshakeTimeout,
    Duration registrationTimeout,
    Duration closeTimeout,
    List<String> allowedOrigins,
    Optional<String> password,
    int socketSendBufferBytes) {

  public EdgeSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /**
   * Sockets beyond the connection cap the edge holds at most, still in their handshake: a
   * sixteenth of the cap, at least 16, at most this many.
   */
  public static final int MAX_HANDSHAKE_SPARE = 512;

  /**
   * Sockets the edge holds at most: the connection cap and room for sockets still in their
   * handshake, so that a burst of clients meets the 503 of the caps rather than a closed socket.
   */
  int socketCap() {
    return (int) Math.min(Integer.MAX_VALUE, maxConnections + Math.min(MAX_HANDSHAKE_SPARE, Math.max(16L, maxConnections / 16L)));
  }
}
