package dev.termchat.server.settings;

import dev.termchat.protocol.Wire;
import java.time.Duration;

/**
 * The settings that bound what clients may take: frames, rates, connections, bytes and time.
 * Each stops abuse by default without stopping heavy legitimate use.
 */
public final class Limits {
  private Limits() {}

  /** The smallest frame limit that still takes a register frame with a long name. */
  public static final int MIN_FRAME_BYTES = 256;

  public static final Setting<Integer> MAX_FRAME_BYTES = Setting.of(
      "--max-frame-bytes", "BYTES", Integer.class, 64 * 1024, Limit.atLeast(MIN_FRAME_BYTES, "room for a register frame"),
      "Largest frame or fragmented message; larger closes with 1009 (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> MAX_FRAGMENTS = Setting.of(
      "--max-fragments", "N", Integer.class, 128, Limit.atLeast(1),
      "Most frames one message may come in, empty ones included; more close with 1009 (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> MAX_MESSAGE_LENGTH = Setting.of(
      "--max-message-length", "CHARS", Integer.class, Wire.DEFAULT_MAX_MESSAGE_CHARS, Limit.atLeast(1),
      "Longest chat message in characters (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> RATE = Setting.of(
      "--rate", "N", Integer.class, 30, Limit.atLeast(1),
      "Frames a second one connection may send, sustained (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> BURST = Setting.of(
      "--burst", "N", Integer.class, 60, Limit.atLeast(1),
      "Frames one connection may send at once (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> RENAMES_PER_MINUTE = Setting.of(
      "--renames-per-minute", "N", Integer.class, 12, Limit.atLeast(1),
      "Renames a minute one connection may make, sustained, and five times as many the connections of one address "
          + "range together; more are refused (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> RENAME_BURST = Setting.of(
      "--rename-burst", "N", Integer.class, 3, Limit.atLeast(1),
      "Renames one connection may make at once, five times as many one address range (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> JOINS_PER_MINUTE = Setting.of(
      "--joins-per-minute", "N", Integer.class, 60, Limit.atLeast(1),
      "Registers a minute from one address range (a /24, a /64), sustained, loopback exempt unless "
          + "--limit-loopback; more are refused and closed with 1012 (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> JOIN_BURST = Setting.of(
      "--join-burst", "N", Integer.class, 100, Limit.atLeast(1),
      "Registers from one address range at once (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> LIST_NAMES = Setting.of(
      "--list-names", "N", Integer.class, 20_000, Limit.atLeast(1),
      "The most names a base client's users list names; in a bigger room, the N who joined, took a name or spoke most recently "
          + "(default: ${DEFAULT-VALUE}).");

  /** The connection cap when none is given, unless file descriptors or the heap allow fewer. */
  public static final int MAX_CONNECTIONS_AT_MOST = 20_000;

  public static final Setting<Integer> MAX_CONNECTIONS = Setting.of(
      "--max-connections", "N", Integer.class, null, Limit.atLeast(1),
      "Open connections in all (default: " + MAX_CONNECTIONS_AT_MOST + ", or fewer if the file descriptor limit is lower, "
          + "or if their state would take over half the heap).");

  public static final Setting<Integer> MAX_CONNECTIONS_PER_ADDRESS = Setting.of(
      "--max-connections-per-address", "N", Integer.class, 64, Limit.atLeast(1),
      "Open connections from one IP address (default: ${DEFAULT-VALUE}).");

  public static final Setting<Boolean> LIMIT_LOOPBACK = Setting.flag(
      "--limit-loopback",
      "Apply the bounds per address and address range to this machine (127.0.0.0/8, ::1) too: the connection caps, "
          + "queued bytes, join and rename rates, sessions kept for dropped clients. By default they do not, as "
          + "behind a proxy on this machine every client comes from there.");

  public static final Setting<Long> MAX_QUEUED_BYTES = Setting.bytes(
      "--max-queued-bytes", 1024L * 1024, Limit.atLeast(1),
      "Bytes waiting to be sent to one client before it is dropped as too slow (default: ${DEFAULT-VALUE}).");

  public static final Setting<Long> MAX_QUEUED_BYTES_TOTAL = Setting.bytes(
      "--max-queued-bytes-total", null, Limit.atLeast(1),
      "Heap that bytes waiting to be sent may hold, all clients together; past it those holding the most are "
          + "dropped as too slow (default: 3/16 of the heap).");

  public static final Setting<Long> MAX_QUEUED_BYTES_PER_ADDRESS = Setting.bytes(
      "--max-queued-bytes-per-address", null, Limit.atLeast(1),
      "The same for the clients of one IP address together, loopback exempt unless --limit-loopback "
          + "(default: a quarter of the total).");

  public static final Setting<Long> MAX_UNFINISHED_BYTES = Setting.bytes(
      "--max-unfinished-bytes", null, Limit.atLeast(1),
      "Heap that handshakes and messages still arriving may hold, all clients together; past it those begun "
          + "the longest ago are closed, with 1013 (default: 1/16 of the heap).");

  /**
   * What the kernel may hold for each client by default, written and not yet taken: 128 KiB
   * (Linux counts 256 KiB) keeps a client that stops reading from pinning megabytes of the
   * kernel's memory, its own sizing's 4 MiB; more only speeds a long backlog to a client far away
   * on a fast link. Less than 8 KiB would take even a short message in several writes; more than
   * 16 MiB is four times what Linux grows one to by itself.
   */
  public static final Setting<Integer> SOCKET_SEND_BUFFER_BYTES = Setting.of(
      "--socket-send-buffer-bytes", "BYTES", Integer.class, 128 * 1024, Limit.zeroOrBetween(8 * 1024, 16 * 1024 * 1024, "bytes"),
      "The kernel's send buffer for each client (SO_SNDBUF; Linux doubles it): what a client that stops reading "
          + "holds of the kernel's memory besides its queue; 0 lets the kernel size it, up to megabytes "
          + "(default: ${DEFAULT-VALUE}).");

  public static final Setting<Duration> PING_INTERVAL = Setting.seconds(
      "--ping-interval", Duration.ofSeconds(30), Limit.atLeast(1),
      "Ping every connection this often; one that does not answer is dropped (default: ${DEFAULT-VALUE}).");

  public static final Setting<Duration> HANDSHAKE_TIMEOUT = Setting.seconds(
      "--handshake-timeout", Duration.ofSeconds(5), Limit.atLeast(1),
      "Close sockets that have not completed the WebSocket handshake by then (default: ${DEFAULT-VALUE}).");

  public static final Setting<Duration> REGISTER_TIMEOUT = Setting.seconds(
      "--register-timeout", Duration.ofSeconds(10), Limit.atLeast(1),
      "Close connections that have not registered a name by then, with 1008 (default: ${DEFAULT-VALUE}).");
}
