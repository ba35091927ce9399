package dev.termchat.client.bench;

import dev.termchat.protocol.Wire;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * One bench run.
 *
 * @param servers where the chat servers are: one, or the nodes of a cluster, over which the
 *     clients are spread in turn
 * @param clients connections to open, each registering as b0, b1, ...
 * @param senders how many of them send, the first ones
 * @param rate messages a second, all senders together
 * @param duration how long the senders send
 * @param messageBytes the length of each message's text
 * @param concurrency connection attempts in flight at once
 * @param timeout how long to wait for connections and for every client to see everyone
 * @param serverPid the server's process, to read its CPU time, write calls and memory from /proc
 * @param warmup how long a first, unmeasured round runs before the measured one, so that both
 *     JVMs have compiled their hot code; zero for none
 * @param rooms zero: every client a base client, in the server's one default room, as before
 *     rooms; otherwise every client a rooms client in one of the rooms #r1..#rN, client i in room
 *     i mod N (so the senders, the first clients, are spread as well)
 * @param lateJoins clients that join one at a time once everyone knows everyone, each when the
 *     one before has been told to all of its room, to measure what one join into a room of that
 *     size costs in presence; these clients are numbered after the others, and are in no sender's
 *     count (so there are no senders with them)
 */
record BenchOptions(
    List<URI> servers,
    int clients,
    int senders,
    int rate,
    Duration duration,
    int messageBytes,
    int concurrency,
    Duration timeout,
    OptionalLong serverPid,
    Duration warmup,
    int rooms,
    int lateJoins) {

  /** The server of the client with this index: the nodes of a cluster in turn. */
  URI serverFor(int index) {
    return servers.get(index % servers.size());
  }

  /** A message carries "sender sequence sendNanos " before its padding. */
  static final int MIN_MESSAGE_BYTES = 40;

  BenchOptions {
    servers = List.copyOf(servers);
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("--server needs at least one server");
    }
    for (URI server : servers) {
      if (!"ws".equalsIgnoreCase(server.getScheme())) {
        throw new IllegalArgumentException("the bench speaks plain ws:// only, not " + server.getScheme() + "://");
      }
    }
    if (clients < 1) {
      throw new IllegalArgumentException("--clients must be at least 1");
    }
    if (senders < 0 || senders > clients) {
      throw new IllegalArgumentException("--senders must be between 0 and --clients (" + clients + ")");
    }
    if (senders > 0 && rate < 1) {
      throw new IllegalArgumentException("--rate must be at least 1 when there are senders");
    }
    if (messageBytes < MIN_MESSAGE_BYTES || messageBytes > Wire.DEFAULT_MAX_MESSAGE_CHARS) {
      throw new IllegalArgumentException(
          "--size must be between " + MIN_MESSAGE_BYTES + " and " + Wire.DEFAULT_MAX_MESSAGE_CHARS);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be at least 1");
    }
    if (duration.isNegative() || warmup.isNegative() || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--duration must not be negative, --timeout must be positive");
    }
    if (rooms < 0 || rooms > clients) {
      throw new IllegalArgumentException(roomsOutOfRange(clients));
    }
    if (lateJoins < 0 || (lateJoins > 0 && senders > 0)) {
      throw new IllegalArgumentException("--then-join must not be negative, and needs --senders 0");
    }
    if (senders > 0 && duration.isZero()) {
      throw new IllegalArgumentException("--duration must be more than 0 when there are senders");
    }
  }

  /**
   * The unmeasured round that comes first: as many clients, at most 1,000, and the same senders
   * and rate for the warm-up's duration.
   */
  BenchOptions warmupRound() {
    int warmupClients = Math.min(clients, 1000);
    return new BenchOptions(servers, warmupClients, Math.min(senders, warmupClients), rate, warmup,
        messageBytes, concurrency, timeout, OptionalLong.empty(), Duration.ZERO, Math.min(rooms, warmupClients), 0);
  }

  /** What is said of a --rooms outside 1 to --clients. */
  static String roomsOutOfRange(int clients) {
    return "--rooms must be between 1 and --clients (" + clients + ")";
  }

  /** Whether the clients are rooms clients ({@code --rooms}), rather than base clients. */
  boolean inRooms() {
    return rooms > 0;
  }

  /** The room of the client with this index, 0 to rooms - 1; 0 for all without rooms. */
  int roomOf(int client) {
    return inRooms() ? client % rooms : 0;
  }

  /** The name of a room on the wire: #r1 for room 0. */
  static String roomName(int room) {
    return "#r" + (room + 1);
  }

  /** All connections of the run: the clients, then the late joins. */
  int connections() {
    return clients + lateJoins;
  }

  /**
   * The connections of the room of {@code index} numbered up to it, itself included: those who
   * are to have heard of it once it is there.
   */
  int membersUpTo(int index) {
    return inRooms() ? index / rooms + 1 : index + 1;
  }

  /**
   * The clients in a room: every client gets each message of its room, the sender included, and
   * sees every other client of it.
   */
  int roomSize(int room) {
    if (!inRooms()) {
      return clients;
    }
    return clients / rooms + (room < clients % rooms ? 1 : 0);
  }
}
