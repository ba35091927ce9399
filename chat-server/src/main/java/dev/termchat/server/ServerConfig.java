package dev.termchat.server;

import java.time.Duration;

/**
 * Everything a server instance is configured with.
 *
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param maxFrameBytes the largest frame (or fragmented message) a client may send; larger ones
 *     close the connection with 1009 before their payload is buffered
 * @param backlog how many connections the kernel may hold before the server accepts them; the
 *     JDK default of 50 makes a burst of clients wait seconds on SYN retries
 * @param pingInterval how often idle connections are pinged; a peer that does not answer is
 *     dropped after about one and a half intervals
 * @param shutdownGrace how long a shutdown waits for clients to answer the close handshake
 */
public record ServerConfig(
    String host,
    int port,
    int maxFrameBytes,
    int backlog,
    Duration pingInterval,
    Duration shutdownGrace) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
  public static final int DEFAULT_BACKLOG = 4096;

  /** The defaults, listening on the given port of the default host. */
  public static ServerConfig onPort(int port) {
    return new ServerConfig(
        DEFAULT_HOST,
        port,
        DEFAULT_MAX_FRAME_BYTES,
        DEFAULT_BACKLOG,
        Duration.ofSeconds(30),
        Duration.ofSeconds(2));
  }

  public ServerConfig withHost(String newHost) {
    return new ServerConfig(newHost, port, maxFrameBytes, backlog, pingInterval, shutdownGrace);
  }
}
