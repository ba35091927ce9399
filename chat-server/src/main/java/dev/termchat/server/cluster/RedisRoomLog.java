package dev.termchat.server.cluster;

import dev.termchat.server.room.LogEntry;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomEventCodec;
import dev.termchat.server.room.RoomLog;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The room's log in a Redis stream that every node shares: each node appends what its clients
 * cause ({@code XADD ... MAXLEN ~ N}) and tails the stream on a thread of its own
 * ({@code XREAD BLOCK}), handing every entry, its own included, to its room in stream order. The
 * stream's entry ids are the room's message ids, and their time part the entries' time, so every
 * node applies the same events, at the same times, in the same order.
 *
 * <p>A node that starts reads the stream from its start, as far as it is kept, so that it knows
 * who is online before it applies anything live.
 */
public final class RedisRoomLog implements RoomLog {
  private static final Logger log = LoggerFactory.getLogger(RedisRoomLog.class);
  private static final int BLOCK_MILLIS = 1000;
  private static final int READ_COUNT = 1000;
  private static final long FIRST_BACKOFF_MILLIS = 250;
  private static final long MAX_BACKOFF_MILLIS = 5000;

  private final URI redis;
  private final String stream;
  private final long maxLength;
  private final RoomEventCodec codec = new RoomEventCodec();
  private final RedisClient appender;
  private final Thread reader;
  private volatile Consumer<LogEntry> room;
  private volatile boolean closed;

  /**
   * @param redis {@code redis://host:port}, with a password if it needs one
   * @param stream the key of the room's stream
   * @param maxLength about how many entries the stream keeps
   */
  public RedisRoomLog(URI redis, String stream, long maxLength) {
    this.redis = redis;
    this.stream = stream;
    this.maxLength = maxLength;
    this.appender = RedisClient.create(redis);
    this.reader = new Thread(this::tail, "chat-log-reader");
    reader.setDaemon(true);
  }

  @Override
  public void start(Consumer<LogEntry> consumer) {
    room = consumer;
    reader.start();
  }

  @Override
  public boolean append(RoomEvent event) {
    Map<String, String> fields = codec.encode(event);
    try {
      xadd(fields);
      return true;
    } catch (JedisConnectionException first) {
      // A pooled connection from before a Redis restart fails once; a new one may not.
      try {
        xadd(fields);
        return true;
      } catch (JedisException again) {
        log.warn("Redis did not take an event: {}", again.getMessage());
        return false;
      }
    } catch (JedisException e) {
      log.warn("Redis did not take an event: {}", e.getMessage());
      return false;
    }
  }

  private void xadd(Map<String, String> fields) {
    appender.xadd(stream, XAddParams.xAddParams().maxLen(maxLength).approximateTrimming(), fields);
  }

  private void tail() {
    StreamEntryID last = new StreamEntryID(0, 0);
    long backoffMillis = FIRST_BACKOFF_MILLIS;
    boolean reachable = true;
    while (!closed) {
      try (Jedis connection = new Jedis(redis)) {
        while (!closed) {
          List<Map.Entry<String, List<StreamEntry>>> read =
              connection.xread(XReadParams.xReadParams().block(BLOCK_MILLIS).count(READ_COUNT), Map.of(stream, last));
          if (!reachable) {
            log.info("Redis is back; reading the room's log from {}", last);
            reachable = true;
          }
          backoffMillis = FIRST_BACKOFF_MILLIS;
          if (read == null) {
            continue;
          }
          for (Map.Entry<String, List<StreamEntry>> fromStream : read) {
            for (StreamEntry entry : fromStream.getValue()) {
              last = entry.getID();
              deliver(entry);
            }
          }
        }
      } catch (JedisException e) {
        if (!closed) {
          if (reachable) {
            // Once, not once an attempt: an outage would otherwise fill the log.
            log.warn("Cannot read the room's log from Redis ({}); trying again", e.getMessage());
            reachable = false;
          }
          pause(backoffMillis);
          backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        }
      }
    }
  }

  private void deliver(StreamEntry entry) {
    RoomEvent event;
    try {
      event = codec.decode(entry.getFields());
    } catch (IllegalArgumentException e) {
      log.warn("Skipped log entry {}: {}", entry.getID(), e.getMessage());
      return;
    }
    room.accept(new LogEntry(entry.getID().toString(), entry.getID().getTime(), event));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis); // A backoff between attempts to reach Redis, not a wait for an event.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    appender.close();
    reader.interrupt();
  }
}
