package dev.termchat.server.cluster;

import dev.termchat.server.room.LogEntry;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomEventCodec;
import dev.termchat.server.room.RoomLog;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
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
 * <p>Appending never waits for Redis: events queue for a writer thread of their own, which sends
 * what has gathered in one pipeline. A Redis that is slow or gone then stalls that thread alone,
 * never the I/O thread and every connection with it; what it could not write goes back to the
 * room as lost, and until Redis answers again, appends are refused at once.
 *
 * <p>A node that starts reads the stream from its start, as far as it is kept, so that it knows
 * who is online before it applies anything live; then it asks every node, itself included, to
 * say who it has, in case the stream lost or trimmed their joins.
 */
public final class RedisRoomLog implements RoomLog {
  private static final Logger log = LoggerFactory.getLogger(RedisRoomLog.class);
  private static final Duration TIMEOUT = RedisConnections.TIMEOUT;
  /** Events waiting for the writer; past this many, Redis is too far behind to take more. */
  static final int MAX_WAITING = 10_000;
  private static final int BATCH = 256;
  private static final int BLOCK_MILLIS = 1000;
  private static final int READ_COUNT = 1000;
  /** How often the reader checks that the stream has not gone back behind it. */
  private static final long RESET_CHECK_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long FIRST_BACKOFF_MILLIS = 250;
  private static final long MAX_BACKOFF_MILLIS = 5000;

  private final URI redis;
  private final String stream;
  private final XAddParams trimmed;
  private final RoomEventCodec codec = new RoomEventCodec();
  private final BlockingQueue<RoomEvent> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
  private final Thread writer;
  private final Thread reader;
  private volatile Listener room;
  /** Whether Redis took the writer's last events; while not, appends are refused at once. */
  private volatile boolean writable = true;
  private volatile boolean closed;
  /** Whether the reader's last attempt to read the stream worked. */
  private volatile boolean readable = true;
  /** The writer's connection to Redis, or {@code null}. Confined to the writer thread. */
  private Jedis writing;

  /**
   * @param redis {@code redis://host:port}, with a password if it needs one
   * @param stream the key of the room's stream
   * @param maxLength about how many entries the stream keeps
   */
  public RedisRoomLog(URI redis, String stream, long maxLength) {
    this.redis = redis;
    this.stream = stream;
    this.trimmed = XAddParams.xAddParams().maxLen(maxLength).approximateTrimming();
    this.writer = new Thread(this::write, "chat-log-writer");
    this.reader = new Thread(this::tail, "chat-log-reader");
    writer.setDaemon(true);
    reader.setDaemon(true);
  }

  @Override
  public void start(Listener listener) {
    room = listener;
    writer.start();
    reader.start();
    listener.mayHaveLost();
  }

  @Override
  public boolean reachable() {
    return writable && readable;
  }

  @Override
  public boolean append(RoomEvent event) {
    return !closed && writable && waiting.offer(event);
  }

  private Jedis connect(int readTimeoutMillis) {
    return RedisConnections.open(redis, readTimeoutMillis);
  }

  private void write() {
    List<RoomEvent> batch = new ArrayList<>(BATCH);
    long backoffMillis = FIRST_BACKOFF_MILLIS;
    try {
      while (!closed || !waiting.isEmpty()) {
        if (!writable) {
          loseWaiting();
          pause(backoffMillis);
          backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
          try {
            reconnectWriter().ping();
          } catch (JedisException e) {
            continue;
          }
          log.info("Redis takes the room's events again");
          writable = true;
          room.mayHaveLost();
          continue;
        }
        RoomEvent first = waiting.poll(BLOCK_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        waiting.drainTo(batch, BATCH - 1);
        if (send(batch)) {
          backoffMillis = FIRST_BACKOFF_MILLIS;
        } else {
          writable = false;
        }
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close(writing);
      loseWaiting();
    }
  }

  private Jedis reconnectWriter() {
    close(writing);
    writing = connect((int) TIMEOUT.toMillis());
    return writing;
  }

  /**
   * Sends a batch in one pipeline; what Redis did not take goes back to the room as lost.
   *
   * @return whether Redis took all of it
   */
  private boolean send(List<RoomEvent> batch) {
    List<Response<StreamEntryID>> answers;
    try {
      try {
        answers = pipeline(writing == null ? reconnectWriter() : writing, batch);
      } catch (JedisConnectionException e) {
        if (timedOut(e)) {
          throw e;
        }
        // A connection from before a Redis restart fails at its first use, having delivered
        // nothing; a new one may not.
        answers = pipeline(reconnectWriter(), batch);
      }
    } catch (JedisException e) {
      // Some may have been written before the connection failed: they come back through the
      // reader all the same, and the room tells apart a line said twice by its sender's id.
      log.warn("Redis did not take the room's events ({}); refusing them until it does", e.getMessage());
      batch.forEach(room::lost);
      return false;
    }
    boolean all = true;
    for (int i = 0; i < batch.size(); i++) {
      try {
        answers.get(i).get();
      } catch (JedisException e) {
        if (all) {
          log.warn("Redis refused a room event: {}", e.getMessage());
        }
        all = false;
        room.lost(batch.get(i));
      }
    }
    return all;
  }

  private List<Response<StreamEntryID>> pipeline(Jedis connection, List<RoomEvent> batch) {
    List<Response<StreamEntryID>> answers = new ArrayList<>(batch.size());
    Pipeline pipeline = connection.pipelined();
    for (RoomEvent event : batch) {
      answers.add(pipeline.xadd(stream, trimmed, codec.encode(event)));
    }
    pipeline.sync();
    return answers;
  }

  private static boolean timedOut(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Hands every event still waiting back to the room as lost. */
  private void loseWaiting() {
    for (RoomEvent event; (event = waiting.poll()) != null; ) {
      room.lost(event);
    }
  }

  private void tail() {
    StreamEntryID last = new StreamEntryID(0, 0);
    long backoffMillis = FIRST_BACKOFF_MILLIS;
    long nextCheck = 0;
    while (!closed) {
      try (Jedis connection = connect((int) TIMEOUT.toMillis() + BLOCK_MILLIS)) {
        while (!closed) {
          if (System.nanoTime() - nextCheck >= 0) {
            nextCheck = System.nanoTime() + RESET_CHECK_NANOS;
            if (wentBack(connection, last)) {
              log.warn("The room's log in Redis is behind what this node read (it was deleted, or Redis lost data "
                  + "with a clock behind); reading it again from its start");
              last = new StreamEntryID(0, 0);
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
          if (readable) {
            // Once, not once an attempt: an outage would otherwise fill the log.
            log.warn("Cannot read the room's log from Redis ({}); trying again", e.getMessage());
            readable = false;
          }
          pause(backoffMillis);
          backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        }
      }
    }
  }

  /**
   * Whether the stream's newest id is older than the last one read: it was deleted or lost and
   * begun anew, and what it holds now would never come after the old position.
   */
  private boolean wentBack(Jedis connection, StreamEntryID last) {
    StreamEntryID newest;
    try {
      newest = connection.xinfoStream(stream).getLastGeneratedId();
    } catch (JedisDataException e) {
      newest = new StreamEntryID(0, 0); // No such key: an empty log.
    }
    return newest.compareTo(last) < 0;
  }

  private void deliver(StreamEntry entry) {
    RoomEvent event;
    try {
      event = codec.decode(entry.getFields());
    } catch (IllegalArgumentException e) {
      log.warn("Skipped log entry {}: {}", entry.getID(), e.getMessage());
      return;
    }
    room.entry(new LogEntry(entry.getID().toString(), entry.getID().getTime(), event));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis); // A backoff between attempts to reach Redis, not a wait for an event.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void close(Jedis connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (JedisException e) {
        log.debug("Closing a Redis connection failed: {}", e.getMessage());
      }
    }
  }

  /**
   * Stops taking events, gives the writer a moment to send those already taken (the leaves of a
   * node shutting down among them), and stops reading. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(TIMEOUT.toMillis() + BLOCK_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.interrupt();
    reader.interrupt();
  }
}
