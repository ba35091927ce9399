package dev.termchat.server.settings;

import java.time.Duration;

/** The settings of the room: what it shows, keeps and holds, and the cluster it is shared in. */
public final class RoomOptions {
  private RoomOptions() {}

  public static final Setting<Boolean> HIDE_ADDRESSES = Setting.flag(
      "--hide-addresses",
      "Send messages without their sender's IP address and port (by default everyone sees them).");

  /** History is kept in memory: this many messages of the longest size stay well within a heap. */
  public static final int MAX_HISTORY = 100_000;

  public static final Setting<Integer> HISTORY = Setting.of(
      "--history", "N", Integer.class, 1000, Limit.between(0, MAX_HISTORY),
      "Keep the latest N messages of each room in memory, for people who join or reconnect; 0 keeps none there "
          + "(the store, unless --data none, still keeps every message for scrollback and search) (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> MAX_ROOMS = Setting.of(
      "--max-rooms", "N", Integer.class, 10_000, Limit.atLeast(1),
      "Rooms the server keeps, #general included; joining one more is refused unless an empty one can be "
          + "forgotten (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> MAX_ROOMS_PER_CONNECTION = Setting.of(
      "--max-rooms-per-connection", "N", Integer.class, 100, Limit.between(1, 10_000),
      "Rooms one connection may be in at once, #general included (default: ${DEFAULT-VALUE}).");

  public static final Setting<Duration> RESUME_WINDOW = Setting.seconds(
      "--resume-window", Duration.ofMinutes(2), Limit.zeroOrMore("seconds"),
      "Hold a dropped client's name this long for it to come back; 0 holds none (default: ${DEFAULT-VALUE}).");

  public static final Setting<String> REDIS = Setting.of(
      "--redis", "URL", String.class, null,
      "Share one room with every server given the same Redis: redis://HOST:PORT, redis://:PASSWORD@HOST:PORT, "
          + "rediss:// for TLS; also read from TERMCHAT_REDIS, which keeps a password out of ps.")
      .orEnvironment("TERMCHAT_REDIS");

  /** What {@link #DATA} takes to keep everything in memory only. */
  public static final String NO_DATA = "none";

  public static final Setting<String> DATA = Setting.of(
      "--data", "DIR", String.class, null,
      "Keep history, sessions and held names in DIR/termchat.db, so a restart loses nothing echoed; '" + NO_DATA + "' "
          + "keeps them in memory only. Not used with --redis, which keeps them (default: $XDG_DATA_HOME/termchat, "
          + "or ~/.local/share/termchat).");

  public static final Setting<Integer> KEEP_DAYS = Setting.of(
      "--keep-days", "N", Integer.class, 90, Limit.between(1, 36_500),
      "With the store on disk (refused with --data none or --redis): let go of messages older than N days, in the background; 1 to 36,500 (36,500, a hundred years, keeps them for good) (default: ${DEFAULT-VALUE}).");

  public static final Setting<Integer> KEEP_PER_ROOM = Setting.of(
      "--keep-per-room", "N", Integer.class, 1_000_000, Limit.atLeast(1),
      "With the store on disk (refused with --data none or --redis): keep at most the latest N messages of each room, letting older ones go in the background "
          + "(default: ${DEFAULT-VALUE}).");

  /**
   * What the room's stream may take of Redis's memory: 64 MiB unless told otherwise, and at least
   * room for dozens of the longest messages.
   */
  public static final Setting<Long> REDIS_STREAM_BYTES = Setting.bytes(
      "--redis-stream-bytes", 64L * 1024 * 1024, Limit.atLeast(1024 * 1024),
      "About how much of Redis's memory the room's stream may take; the oldest entries are trimmed past it. "
          + "Give Redis a maxmemory above it, as OPERATIONS.md says (default: ${DEFAULT-VALUE}).");
}
