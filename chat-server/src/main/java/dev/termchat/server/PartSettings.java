package dev.termchat.server;

import dev.termchat.server.edge.EdgeSettings;
import dev.termchat.server.room.PresenceLimits;
import dev.termchat.server.room.RoomSettings;
import java.time.Duration;

/** What each part of the server is given of its configuration: the edge's and the room's settings. */
final class PartSettings {
  /**
   * How many times {@code maxQueuedBytes} a client that reads may have queued during a burst;
   * only one that has stopped reading is held to {@code maxQueuedBytes} itself.
   */
  static final int QUEUE_BURST_FACTOR = 16;
  /**
   * How long a client may take nothing before its backlog counts against the limit for a client
   * that stopped reading: one that reads, but slower than a burst arrives, is not it.
   */
  static final Duration STALL_GRACE = Duration.ofSeconds(3);
  /** How long a closing connection waits for its peer to finish the close handshake. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

  private PartSettings() {}

  /** @param node this server's name among the nodes of a cluster */
  static RoomSettings room(ServerConfig config, String node) {
    return new RoomSettings(
        node,
        !config.hideAddresses(),
        config.historySize(),
        config.maxRooms(),
        config.maxRoomsPerConnection(),
        config.resumeWindow(),
        new PresenceLimits(
            config.renamesPerMinute(), config.renameBurst(), config.joinsPerMinute(), config.joinBurst(), config.limitLoopback(),
            config.listNames()),
        config.operators());
  }

  static EdgeSettings edge(ServerConfig config) {
    return new EdgeSettings(
        config.maxFrameBytes(),
        config.maxFragments(),
        config.maxMessageChars(),
        config.messagesPerSecond(),
        config.burst(),
        config.maxConnections(),
        config.maxConnectionsPerAddress(),
        config.limitLoopback(),
        config.maxQueuedBytes(),
        config.maxQueuedBytes() * QUEUE_BURST_FACTOR,
        config.maxQueuedBytesTotal(),
        config.maxQueuedBytesPerAddress(),
        config.maxUnfinishedBytes(),
        STALL_GRACE,
        config.pingInterval(),
        config.handshakeTimeout(),
        config.registrationTimeout(),
        CLOSE_TIMEOUT,
        config.allowedOrigins(),
        config.password(),
        config.socketSendBufferBytes());
  }
}
