package dev.termchat.server.cluster;

import dev.termchat.server.room.LogEntry;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomEventCodec;
import dev.termchat.server.room.RoomLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamInfo;

/**
 * Tails the stream on a thread of its own ({@code XREAD BLOCK}), handing every entry, its own
 * node's included, to the room in stream order, and accounting for each in the stream's budget.
 *
 * <p>It reads the stream from its start, as far as it is kept, so that the node knows who is
 * online and what was said; what the stream held when the node started is handed over as
 * replayed, which the room applies without counting or logging it again. Every 2 s it checks the
 * stream: that it has not gone back behind what was read (deleted, or lost), how long it is, and
 * how long Redis takes to answer.
 */
final class StreamReader {
  private static final Logger log = ClusterLogger.LOG;
  private static final StreamEntryID START = new StreamEntryID(0, 0);
  private static final int BLOCK_MILLIS = 1000;
  /**
   * Entries a read asks for at most: Redis counts the reply it has not yet sent in its memory,
   * and a hundred of the longest messages are under 2 MB.
   */
  private static final int READ_COUNT = 100;
  private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final RedisTopology redis;
  private final String stream;
  private final StreamBudget budget;
  private final RoomEventCodec codec = new RoomEventCodec();
  private final Thread thread = new Thread(this::run, "chat-log-reader");
  private volatile RoomLog.Listener room;
  private volatile boolean closed;
  /** Whether the last attempt to read the stream worked. */
  private volatile boolean readable = true;
  /** Entries in the stream, as Redis said at the last check; -1 before the first. */
  private volatile long length = -1;
  /** How long Redis took to answer the last check's ping, in nanoseconds; -1 before the first. */
  private volatile long roundTripNanos = -1;
  /**
   * The newest entry the stream held when this node started: it and those before it are
   * replayed. Set as reading starts (or at the first check, if Redis did not answer then),
   * {@link #START} once read past (or when the stream began anew, all of it new to this node).
   * Confined to the reader thread, once started.
   */
  private StreamEntryID replayUntil;
  /** Entries replayed so far. Confined to the reader thread. */
  private long replayed;

  StreamReader(RedisTopology redis, String stream, StreamBudget budget) {
    this.redis = redis;
    this.stream = stream;
    this.budget = budget;
    thread.setDaemon(true);
  }

  /**
   * Starts reading, once it has asked how far the stream reaches now, before this node takes
   * any connection: what its own clients cause is never taken for the past.
   */
  void start(RoomLog.Listener listener) {
    room = listener;
    try (Jedis connection = redis.open(stream, (int) RedisConnections.TIMEOUT.toMillis())) {
      replayUntil = newest(info(connection));
      listener.registeredInReplay(registeredUpTo(connection, replayUntil));
    } catch (JedisException e) {
      // Gone since the node checked it: the first check, once it is back, tells instead.
      log.debug("Cannot ask how far the room's log reaches: {}", e.getMessage());
    }
    thread.start();
  }

  /**
   * The names that the entries up to {@code until} register as accounts: read ahead, a batch at a
   * time, before the reader hands the first entry, so that the room reserves each from its own
   * entry on (see {@link RoomLog.Listener#registeredInReplay}), as the nodes that applied it did.
   */
  private List<String> registeredUpTo(Jedis connection, StreamEntryID until) {
    List<String> names = new ArrayList<>();
    StreamEntryID from = START;
    while (!until.equals(START)) {
      List<StreamEntry> batch = connection.xrange(stream, from, until, READ_COUNT);
      for (StreamEntry entry : batch) {
        // Only accounts' entries are decoded: a start reads the window once more, not twice over.
        if ("account".equals(entry.getFields().get("type"))) {
          registered(entry).ifPresent(names::add);
        }
      }
      if (batch.size() < READ_COUNT) {
        break;
      }
      StreamEntryID last = batch.get(batch.size() - 1).getID();
      from = new StreamEntryID(last.getTime(), last.getSequence() + 1);
    }
    return names;
  }

  /** The name an entry registers as an account, if it does. */
  private java.util.Optional<String> registered(StreamEntry entry) {
    try {
      return codec.decode(entry.getFields()) instanceof RoomEvent.Account account && account.change() == RoomEvent.Account.Change.REGISTERED
          ? java.util.Optional.of(account.name())
          : java.util.Optional.empty();
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty(); // Said when it is read: deliver skips it with a warning.
    }
  }

  boolean readable() {
    return readable;
  }

  long length() {
    return length;
  }

  /** Seconds Redis took to answer the last check, or NaN before the first. */
  double roundTripSeconds() {
    long nanos = roundTripNanos;
    return nanos < 0 ? Double.NaN : nanos / 1e9;
  }

  private void run() {
    StreamEntryID last = START;
    Backoff backoff = new Backoff();
    long nextCheck = System.nanoTime();
    while (!closed) {
      try (Jedis connection = redis.open(stream, (int) RedisConnections.TIMEOUT.toMillis() + BLOCK_MILLIS)) {
        while (!closed) {
          if (System.nanoTime() - nextCheck >= 0) {
            nextCheck = System.nanoTime() + CHECK_NANOS;
            StreamEntryID behind = check(connection, last);
            if (behind != null) {
              // A stream that went back in time (a Redis restarted from an older snapshot) ends
              // in an entry this node read: what it holds was applied long ago and would all be
              // said again, so it is read on from there. One begun anew (deleted, or lost with a
              // clock behind) holds entries never read: it is read from its start. Either way,
              // what the others relied on and is gone, each node says again (its roster).
              boolean older = budget.holds(behind);
              log.warn("The room's log in Redis is behind what this node read ({}); reading it {}",
                  older ? "Redis came back from an older snapshot" : "it was deleted, or Redis lost data with a clock behind",
                  older ? "on from " + behind : "again from its start");
              last = older ? behind : START;
              budget.clear();
              replayUntil = START;
              room.mayHaveLost();
            }
          }
          List<Map.Entry<String, List<StreamEntry>>> read =
              connection.xread(XReadParams.xReadParams().block(BLOCK_MILLIS).count(READ_COUNT), Map.of(stream, last));
          if (!readable) {
            log.info("Redis is back; reading the room's log from {}", last);
            readable = true;
            room.mayHaveLost();
          }
          backoff.reset();
          if (read != null) {
            for (Map.Entry<String, List<StreamEntry>> fromStream : read) {
              for (StreamEntry entry : fromStream.getValue()) {
                last = entry.getID();
                deliver(entry);
              }
            }
          }
          endReplayOnceAt(last);
        }
      } catch (JedisException e) {
        if (!closed) {
          if (readable) {
            // Once, not once an attempt: an outage would otherwise fill the log.
            log.warn("Cannot read the room's log from Redis ({}); trying again", e.getMessage());
            readable = false;
          }
          backoff.pause();
        }
      }
    }
  }

  /**
   * Checks the stream: whether its newest id is older than the last one read (it was deleted,
   * lost and begun anew, or went back to an older snapshot: what it holds now would never come
   * after the old position), and if so that newest id, or {@code null}; its
   * length, its first entry (those before are gone from the budget), and Redis's round trip.
   * The first check tells how far the stream is replayed.
   */
  private StreamEntryID check(Jedis connection, StreamEntryID last) {
    long start = System.nanoTime();
    connection.ping();
    roundTripNanos = System.nanoTime() - start;
    StreamInfo info = info(connection);
    length = info == null ? 0 : info.getLength();
    StreamEntryID newest = newest(info);
    budget.forgetBefore(info == null || info.getFirstEntry() == null ? null : info.getFirstEntry().getID());
    if (replayUntil == null) {
      replayUntil = newest;
    }
    return newest.compareTo(last) < 0 ? newest : null;
  }

  /** What Redis says of the stream, or {@code null} when there is none. */
  private StreamInfo info(Jedis connection) {
    try {
      return connection.xinfoStream(stream);
    } catch (JedisDataException e) {
      if (String.valueOf(e.getMessage()).contains("no such key")) {
        return null; // An empty log.
      }
      // A cluster that is down, a key moved, a Redis loading: nothing is known of the stream,
      // which must not be taken for gone and read again from its start.
      throw e;
    }
  }

  private static StreamEntryID newest(StreamInfo info) {
    return info == null ? START : info.getLastGeneratedId();
  }

  /** Says once that the stream's past has been read, when it has. */
  private void endReplayOnceAt(StreamEntryID last) {
    if (replayUntil != null && !replayUntil.equals(START) && last.compareTo(replayUntil) >= 0) {
      log.info("Read the room's log from Redis as it was when this node started: {} {}, applied without being "
          + "counted or logged again", replayed, replayed == 1 ? "entry" : "entries");
      replayUntil = START;
    }
  }

  private void deliver(StreamEntry entry) {
    Map<String, String> fields = entry.getFields();
    budget.read(entry.getID(), EntryLimits.bytes(fields));
    boolean past = replayUntil != null && entry.getID().compareTo(replayUntil) <= 0;
    if (past) {
      replayed++;
    }
    RoomEvent event;
    try {
      event = codec.decode(fields);
    } catch (IllegalArgumentException e) {
      log.warn("Skipped log entry {}: {}", entry.getID(), e.getMessage());
      return;
    }
    room.entry(new LogEntry(entry.getID().toString(), entry.getID().getTime(), event, past));
  }

  void close() {
    closed = true;
    thread.interrupt();
  }
}
