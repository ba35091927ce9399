package dev.termchat.server.cluster;

import dev.termchat.server.cluster.RoomStreamLoads.Position;
import dev.termchat.server.room.RoomLoad;
import dev.termchat.server.room.RoomLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads the rooms this node follows in one partition, on a thread of its own with a connection
 * of its own to the partition's master: a room newly followed is loaded ({@link
 * RoomStreamLoads#load}), then every followed room's stream is tailed in one {@code XREAD BLOCK}
 * (legal: one tag, one slot) from the newest id its load saw, never {@code $}, so nothing appended
 * in between is missed. Every 2 s, and after each reconnection, it checks each stream for being
 * behind what was read (deleted, expired, or its shard back empty) and loads such a room afresh.
 *
 * <p>A room that cannot be loaded because its shard is out of reach is reported unreachable
 * after a short while, so a join waiting for it is answered; it goes on trying, and loads the room
 * once the shard is back, if it is still followed.
 */
final class RoomStreamReader {
  private static final Logger log = ClusterLogger.LOG;
  /** Short, so that a room followed or left joins or leaves the read soon. */
  private static final int BLOCK_MILLIS = 250;
  /** Entries a read asks for at most (see {@link StreamReader}). */
  private static final int READ_COUNT = 100;
  private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** How long a load is tried before the room hears its stream is out of reach. */
  private static final long UNREACHABLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2500);
  /** Pauses between attempts to reach a master: short, so a load waits little once it is back. */
  private static final long FIRST_PAUSE_MILLIS = 100;
  private static final long MAX_PAUSE_MILLIS = 1000;
  private static final long IDLE_MILLIS = 1000;

  /** A request from another thread: follow a room ({@code count} >= 0) or stop ({@code count} < 0). */
  private record Request(String room, int count) {}

  /** A followed room, as the reader thread keeps it. */
  private static final class Followed {
    final String room;
    final int count;
    /** Where reading goes on from; {@code null} while it waits to be loaded. */
    Position read;
    /** When its load was first tried, by {@link System#nanoTime}. */
    final long asked = System.nanoTime();
    /** Whether the room was told its stream is out of reach since it was asked. */
    boolean toldUnreachable;

    Followed(String room, int count) {
      this.room = room;
      this.count = count;
    }
  }

  private final String anyKey;
  private final RedisTopology redis;
  private final RoomLog.Listener room;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  /**
   * The keys followed as the callers see it, at once: the thread takes requests between reads,
   * so a read may still bring a room just left, which is not handed on.
   */
  private final Set<String> wanted = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean closed;
  /** Followed rooms by their streams' keys. Confined to the reader thread. */
  private final Map<String, Followed> followed = new HashMap<>();
  /** The connection to the partition's master, or {@code null}. Confined to the reader thread. */
  private Jedis reading;
  /** When the next check is due, by {@link System#nanoTime}. Confined to the reader thread. */
  private long nextCheck;

  RoomStreamReader(int partition, RedisTopology redis, RoomLog.Listener room) {
    this.anyKey = "termchat:{" + Partitions.tag(partition) + "}:room:";
    this.redis = redis;
    this.room = room;
    this.thread = new Thread(this::run, "chat-room-reader-p" + partition);
    thread.setDaemon(true);
    thread.start();
  }

  void follow(String room, int count) {
    wanted.add(Partitions.streamKey(room));
    requests.add(new Request(room, Math.max(0, count)));
  }

  void unfollow(String room) {
    wanted.remove(Partitions.streamKey(room));
    requests.add(new Request(room, -1));
  }

  private void run() {
    long pause = FIRST_PAUSE_MILLIS;
    boolean reachable = true;
    try {
      while (!closed) {
        take(followed.isEmpty() ? IDLE_MILLIS : 0);
        if (followed.isEmpty()) {
          disconnect(); // Nothing to read: no connection held on the master either.
          continue;
        }
        try {
          if (reading == null) {
            reading = redis.open(anyKey, (int) RedisConnections.TIMEOUT.toMillis() + BLOCK_MILLIS);
            nextCheck = System.nanoTime(); // The shard may have come back empty meanwhile.
          }
          loadWaiting();
          checkIfDue();
          readOnce();
          if (!reachable) {
            log.info("Redis gives the rooms' lines of {} again", thread.getName());
            reachable = true;
          }
          pause = FIRST_PAUSE_MILLIS;
        } catch (JedisException e) {
          disconnect();
          if (closed) {
            break;
          }
          if (reachable) {
            log.warn("Cannot read rooms' lines on {} ({}); trying again", thread.getName(), e.getMessage());
            reachable = false;
          } else {
            log.debug("Still cannot read rooms' lines on {}: {}", thread.getName(), e.getMessage());
          }
          tellUnreachable();
          take(pause); // A pause that a new request cuts short.
          pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
        } catch (RuntimeException e) {
          // A bug, or an answer Jedis could not read: this partition goes on after a pause
          // rather than stop for good with its thread.
          log.error("Reading rooms' lines on {} failed", thread.getName(), e);
          disconnect();
          take(MAX_PAUSE_MILLIS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      disconnect();
    }
  }

  /** Takes the requests waiting, after waiting up to {@code millis} for the first. */
  private void take(long millis) throws InterruptedException {
    List<Request> taken = new ArrayList<>();
    Request first = millis > 0 ? requests.poll(millis, TimeUnit.MILLISECONDS) : requests.poll();
    if (first != null) {
      taken.add(first);
      requests.drainTo(taken);
    }
    for (Request request : taken) {
      String key = Partitions.streamKey(request.room());
      if (request.count() < 0) {
        followed.remove(key);
      } else {
        followed.put(key, new Followed(request.room(), request.count())); // Followed again: loaded again.
      }
    }
  }

  private void loadWaiting() {
    for (Map.Entry<String, Followed> entry : followed.entrySet()) {
      Followed room = entry.getValue();
      if (room.read == null) {
        RoomStreamLoads.Loaded loaded = RoomStreamLoads.load(reading, entry.getKey(), room.room, room.count);
        room.read = loaded.position();
        if (wanted.contains(entry.getKey())) {
          this.room.roomLoaded(loaded.load());
        }
      }
    }
  }

  /** Marks every followed stream found behind what was read to be loaded afresh. */
  private void checkIfDue() {
    if (System.nanoTime() - nextCheck < 0) {
      return;
    }
    nextCheck = System.nanoTime() + CHECK_NANOS;
    Map<String, Position> now = RoomStreamLoads.positions(reading, followed.keySet());
    for (Map.Entry<String, Position> stream : now.entrySet()) {
      Followed room = followed.get(stream.getKey());
      if (room.read != null && stream.getValue().behind(room.read)) {
        log.warn("The stream of {} in Redis is behind what this node read (deleted, expired, or its shard came back "
            + "without its data); loading it afresh", room.room);
        followed.put(stream.getKey(), new Followed(room.room, room.count));
      }
    }
    loadWaiting();
  }

  private void readOnce() {
    Map<String, StreamEntryID> from = new HashMap<>();
    followed.forEach((key, room) -> from.put(key, room.read.last()));
    List<Map.Entry<String, List<StreamEntry>>> read =
        reading.xread(XReadParams.xReadParams().block(BLOCK_MILLIS).count(READ_COUNT), from);
    if (read == null) {
      return;
    }
    for (Map.Entry<String, List<StreamEntry>> stream : read) {
      Followed room = followed.get(stream.getKey());
      boolean handed = wanted.contains(stream.getKey());
      for (StreamEntry entry : stream.getValue()) {
        Position was = room.read;
        room.read = new Position(entry.getID(), was.added() < 0 ? -1 : was.added() + 1);
        if (handed) {
          RoomStreamLoads.decode(entry).ifPresent(line -> this.room.roomEntry(room.room, line));
        }
      }
    }
  }

  /** Tells the rooms whose loads have waited too long that their streams are out of reach, once each. */
  private void tellUnreachable() {
    long now = System.nanoTime();
    for (Followed room : followed.values()) {
      if (room.read == null && !room.toldUnreachable && now - room.asked >= UNREACHABLE_NANOS && wanted.contains(Partitions.streamKey(room.room))) {
        room.toldUnreachable = true;
        this.room.roomLoaded(RoomLoad.unreachable(room.room));
      }
    }
  }

  private void disconnect() {
    RedisConnections.closeQuietly(reading);
    reading = null;
  }

  /** Stops reading; the thread ends within a blocking read's time. Idempotent. */
  void close() {
    closed = true;
    thread.interrupt();
  }
}
