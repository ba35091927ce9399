package dev.termchat.server.cluster;

import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomLog;
import java.net.URI;
import redis.clients.jedis.Jedis;

/**
 * The room's log in a Redis stream that every node shares: each node appends what its clients
 * cause ({@link StreamWriter}) and tails the stream ({@link StreamReader}), handing every entry,
 * its own included, to its room in stream order. The stream's entry ids are the room's message
 * ids, and their time part the entries' time, so every node applies the same events, at the
 * same times, in the same order.
 *
 * <p>The stream is kept within a budget of entries and of bytes ({@link StreamBudget}), and a
 * Redis that is full all the same is made room in ({@link StreamTrimmer}), so that no client can
 * fill Redis and keep the room from going on.
 *
 * <p>Made rooms' lines ({@link RoomEvent.Line}) go apart, each to its room's own stream, which a
 * node reads only for the rooms it follows ({@link RoomStreams}); on a Redis Cluster, each key is
 * used on the master of its slot ({@link RedisTopology}).
 *
 * <p>A node that starts reads the stream from its start, as far as it is kept, so that it knows
 * who is online before it applies anything live; then it asks every node, itself included, to
 * say who it has, in case the stream lost or trimmed their joins.
 */
public final class RedisRoomLog implements RoomLog {
  private final RedisTopology redis;
  private final String stream;
  private final StreamBudget budget;
  private final StreamTrimmer trimmer;
  private final StreamWriter writer;
  private final StreamReader reader;
  private final RoomStreams rooms;

  /**
   * How much the stream may hold, and how large what is appended to it may be.
   *
   * @param maxEntries about how many entries the stream keeps at most
   * @param maxBytes about how many bytes of Redis's memory the stream takes at most
   * @param maxMessageChars the longest message the edge takes, in characters
   * @param maxRosterSize the most users on one node
   * @param roomHistory about how many lines a made room's own stream keeps ({@code --history})
   */
  public record Limits(
      long maxEntries, long maxBytes, int maxMessageChars, int maxRosterSize, int maxRoomsPerConnection, long roomHistory) {}

  /**
   * @param redis {@code redis://host:port}, with a password if it needs one
   * @param stream the key of the room's stream
   */
  public RedisRoomLog(URI redis, String stream, Limits limits) {
    this.redis = new RedisTopology(redis);
    this.stream = stream;
    this.budget = new StreamBudget(limits.maxEntries(), limits.maxBytes());
    this.trimmer = new StreamTrimmer(stream, budget);
    EntryLimits entryLimits = new EntryLimits(limits.maxMessageChars(), limits.maxRosterSize(), limits.maxRoomsPerConnection());
    this.writer = new StreamWriter(this.redis, stream, entryLimits, trimmer);
    this.reader = new StreamReader(this.redis, stream, budget);
    this.rooms = new RoomStreams(this.redis, entryLimits, limits.roomHistory());
  }

  @Override
  public void start(Listener listener) {
    rooms.start(listener);
    reader.start(listener); // First of the node-wide stream's: it asks how far its past reaches.
    writer.start(listener);
    listener.mayHaveLost();
  }

  @Override
  public boolean reachable() {
    return writer.writable() && reader.readable();
  }

  @Override
  public boolean append(RoomEvent event) {
    return event instanceof RoomEvent.Line line ? rooms.append(line) : writer.offer(event);
  }

  /** Whether the writers have sent or lost every event they took: nothing waits on Redis's answer. */
  boolean writersIdle() {
    return writer.idle() && rooms.writersIdle();
  }

  /** Made rooms' lines go to each room's own stream ({@link RoomStreams}). */
  @Override
  public boolean roomsApart() {
    return true;
  }

  @Override
  public void follow(String room, int count) {
    rooms.follow(room, count);
  }

  @Override
  public void unfollow(String room) {
    rooms.unfollow(room);
  }

  /**
   * Trims the stream to make room in a Redis that refused a write for want of memory, over a
   * connection of its own: for the parts of a node that write elsewhere in Redis.
   */
  public void makeRoom() {
    try (Jedis connection = redis.open(stream, (int) RedisConnections.TIMEOUT.toMillis())) {
      trimmer.makeRoom(connection);
    }
  }

  /** Entries in the stream, as Redis said at the last check (every 2 s); -1 before the first. */
  public long streamEntries() {
    return reader.length();
  }

  /** About how many bytes of Redis's memory the stream takes, by this node's count. */
  public long streamBytes() {
    return budget.bytes();
  }

  /** Seconds Redis took to answer the last check (every 2 s), or NaN before the first. */
  public double roundTripSeconds() {
    return reader.roundTripSeconds();
  }

  /** How often Redis was full and the stream was trimmed to make room. */
  public long roomMade() {
    return trimmer.roomMade();
  }

  /**
   * Stops taking events, gives the writer a moment to send those already taken (the leaves of a
   * node shutting down among them), and stops reading. Idempotent.
   */
  @Override
  public void close() {
    try {
      rooms.close(RedisConnections.TIMEOUT.toMillis() + 1000);
      writer.close(RedisConnections.TIMEOUT.toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader.close();
  }
}
