package dev.termchat.server.room;

import dev.termchat.server.settings.RoomOptions;
import java.time.Duration;
import java.util.List;

/**
 * How the room behaves, beyond its fixed rules.
 *
 * @param node this server's name among the nodes of a cluster; {@code local} on its own
 * @param shareAddresses whether messages carry their sender's IP address and port, as the seed's
 *     chat did; off, they carry none, and clients show the name alone
 * @param historySize how many of the latest messages each room keeps; 0 keeps none
 * @param maxRooms the most rooms the server keeps, the default one included
 * @param maxRoomsPerConnection the most rooms one connection may be in, the default one included
 * @param resumeWindow how long a dropped client's name is kept for it to reclaim
 * @param presence how often joins and renames may come
 * @param operators the names of the server's operators ({@code --operator})
 */
public record RoomSettings(
    String node,
    boolean shareAddresses,
    int historySize,
    int maxRooms,
    int maxRoomsPerConnection,
    Duration resumeWindow,
    PresenceLimits presence,
    List<String> operators) {
  public static final String LOCAL_NODE = "local";

  public RoomSettings {
    operators = List.copyOf(operators);
  }

  /** Settings without server operators. */
  public RoomSettings(
      String node, boolean shareAddresses, int historySize, int maxRooms, int maxRoomsPerConnection, Duration resumeWindow,
      PresenceLimits presence) {
    this(node, shareAddresses, historySize, maxRooms, maxRoomsPerConnection, resumeWindow, presence, List.of());
  }
  /** The most history a joining client is sent, and what it gets unless it asks for fewer. */
  public static final int JOIN_HISTORY = 50;
  /** The most a resuming client is sent of what it missed. */
  public static final int MAX_RESUME = 300;
  /**
   * The most bytes of earlier messages, history or missed, a joining client is sent: 300
   * messages of 4,000 control characters, each escaped twice, would be 8.5 MB.
   */
  public static final int MAX_CATCH_UP_BYTES = 256 * 1024;
  /**
   * The most bytes of earlier messages a register that lists rooms is sent, all its rooms
   * together: a register of a hundred busy rooms must not queue 25 MB, past what a client that
   * reads may have queued, and be dropped for it.
   */
  public static final int MAX_REGISTER_CATCH_UP_BYTES = 1024 * 1024;
  /** How many rooms a connection may join a minute, sustained, beyond those its register lists. */
  public static final int ROOM_JOINS_PER_MINUTE = 30;

  /** As a server on its own runs it by default ({@link RoomOptions}); for tests. */
  public static RoomSettings defaults() {
    return new RoomSettings(
        LOCAL_NODE,
        !RoomOptions.HIDE_ADDRESSES.defaultValue(),
        RoomOptions.HISTORY.defaultValue(),
        RoomOptions.MAX_ROOMS.defaultValue(),
        RoomOptions.MAX_ROOMS_PER_CONNECTION.defaultValue(),
        RoomOptions.RESUME_WINDOW.defaultValue(),
        PresenceLimits.defaults());
  }
}
