package dev.termchat.server.cluster;

import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomEventCodec;
import dev.termchat.server.room.RoomLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;

/**
 * Appends the lines of one partition's rooms to their streams, on a thread of its own with a
 * connection of its own to the partition's master: a shard that is slow or gone stalls its own
 * partitions alone, never the node-wide stream or another shard's rooms. Lines queue for it and
 * it sends what gathered in one pipeline, each line as {@code XADD key MAXLEN ~ history} and a
 * {@code PEXPIRE} of the same key. Until the master takes lines again, appends are refused at
 * once; what it took and could not write goes back to the room as lost.
 */
final class RoomStreamWriter {
  private static final Logger log = ClusterLogger.LOG;
  /**
   * How long a room's stream outlives its last line: a room silent for a week is forgotten by
   * Redis too, so rooms made once and left do not hold Redis's memory for ever. A week keeps a
   * room's history across any outage or holiday a chat is likely to have.
   */
  static final Duration TIME_TO_LIVE = Duration.ofDays(7);
  /** Lines waiting; past this many, the master is too far behind to take more. */
  private static final int MAX_WAITING = 10_000;
  private static final int BATCH = 256;
  private static final int POLL_MILLIS = 1000;

  private final String anyKey;
  private final RedisTopology redis;
  private final EntryLimits limits;
  private final long history;
  private final RoomLog.Listener room;
  private final RoomEventCodec codec = new RoomEventCodec();
  private final BlockingQueue<RoomEvent.Line> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
  private final Thread thread;
  /** Whether the master took the last lines; while not, appends are refused at once. */
  private volatile boolean writable = true;
  private volatile boolean closed;
  /** The connection to the partition's master, or {@code null}. Confined to the writer thread. */
  private Jedis writing;

  /**
   * @param history about how many lines each room's stream keeps: at least this many, trimmed in
   *     whole nodes of Redis's radix tree ({@code ~}), which is what frees memory
   */
  RoomStreamWriter(int partition, RedisTopology redis, EntryLimits limits, long history, RoomLog.Listener room) {
    this.anyKey = "termchat:{" + Partitions.tag(partition) + "}:room:";
    this.redis = redis;
    this.limits = limits;
    this.history = history;
    this.room = room;
    this.thread = new Thread(this::run, "chat-room-writer-p" + partition);
    thread.setDaemon(true);
    thread.start();
  }

  boolean offer(RoomEvent.Line line) {
    return !closed && writable && waiting.offer(line);
  }

  private void run() {
    List<RoomEvent.Line> batch = new ArrayList<>(BATCH);
    Backoff backoff = new Backoff();
    try {
      while (!closed || !waiting.isEmpty()) {
        if (!writable) {
          loseWaiting();
          backoff.pause();
          if (closed) {
            break;
          }
          try {
            reconnect().exists(anyKey);
          } catch (JedisException e) {
            log.debug("A shard of Redis is still out of reach for {}: {}", thread.getName(), e.getMessage());
            continue;
          }
          log.info("Redis takes the rooms' lines of {} again", thread.getName());
          writable = true;
          continue;
        }
        RoomEvent.Line first = waiting.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        waiting.drainTo(batch, BATCH - 1);
        if (send(batch)) {
          backoff.reset();
        } else {
          writable = false;
        }
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      RedisConnections.closeQuietly(writing);
      loseWaiting();
    }
  }

  private Jedis reconnect() {
    RedisConnections.closeQuietly(writing);
    writing = null;
    writing = redis.open(anyKey, (int) RedisConnections.TIMEOUT.toMillis());
    return writing;
  }

  /**
   * Sends a batch in one pipeline; a line past its bounds, and what the master did not take, go
   * back to the room as lost.
   *
   * @return whether the master took every line sent
   */
  private boolean send(List<RoomEvent.Line> batch) {
    List<RoomEvent.Line> sent = new ArrayList<>(batch.size());
    List<Response<StreamEntryID>> answers = new ArrayList<>(batch.size());
    try {
      Pipeline pipeline = (writing == null ? reconnect() : writing).pipelined();
      XAddParams params = XAddParams.xAddParams().maxLen(history).approximateTrimming();
      for (RoomEvent.Line line : batch) {
        Map<String, String> fields = codec.encode(line);
        Optional<String> problem = limits.problem(fields);
        if (problem.isPresent()) {
          log.error("Not appending a room's line past its bounds, which should have been refused where it came in: {}", problem.get());
          room.lost(line);
          continue;
        }
        String key = Partitions.streamKey(line.room());
        sent.add(line);
        answers.add(pipeline.xadd(key, params, fields));
        pipeline.pexpire(key, TIME_TO_LIVE.toMillis());
      }
      pipeline.sync();
    } catch (JedisException e) {
      // Some may have been written before the connection failed: they come back through the
      // readers all the same, and the room tells apart a line said twice by its sender's id.
      log.warn("Redis did not take rooms' lines on {} ({}); refusing them until it does", thread.getName(), e.getMessage());
      RedisConnections.closeQuietly(writing);
      writing = null;
      writable = false; // Before the room hears of the loss: what it appends next is refused.
      sent.forEach(room::lost);
      return false;
    }
    boolean all = true;
    for (int i = 0; i < answers.size(); i++) {
      try {
        answers.get(i).get();
      } catch (JedisException e) {
        if (all) {
          log.warn("Redis refused a room's line on {}: {}", thread.getName(), e.getMessage());
          writable = false;
        }
        all = false;
        room.lost(sent.get(i));
      }
    }
    return all;
  }

  /** Hands every line still waiting back to the room as lost. */
  private void loseWaiting() {
    for (RoomEvent.Line line; (line = waiting.poll()) != null; ) {
      room.lost(line);
    }
  }

  /** Stops taking lines and lets the thread send those already taken, until the deadline. */
  void close(long deadlineNanos) throws InterruptedException {
    closed = true;
    try {
      long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (left > 0) {
        thread.join(left);
      }
    } finally {
      thread.interrupt();
    }
  }
}
