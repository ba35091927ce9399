package dev.termchat.server.cluster;

import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomEventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;

/**
 * Appends the lines of one partition's rooms to their streams ({@link QueuedWriter}), with a
 * connection of its own to the partition's master: a shard that is slow or gone stalls its own
 * partitions alone, never the node-wide stream or another shard's rooms. What gathered goes in
 * one pipeline, each line as {@code XADD key MAXLEN ~ history} and a {@code PEXPIRE} of the same
 * key. Every field of a line is checked against its bound before it is appended.
 */
final class RoomStreamWriter extends QueuedWriter<RoomEvent.Line> {
  private static final Logger log = ClusterLogger.LOG;
  /**
   * How long a room's stream outlives its last line: a room silent for a week is forgotten by
   * Redis too, so rooms made once and left do not hold Redis's memory for ever. A week keeps a
   * room's history across any outage or holiday a chat is likely to have.
   */
  static final Duration TIME_TO_LIVE = Duration.ofDays(7);
  private static final int BATCH = 256;

  private final EntryLimits limits;
  private final long history;
  private final RoomEventCodec codec = new RoomEventCodec();

  /**
   * @param history about how many lines each room's stream keeps: at least this many, trimmed in
   *     whole nodes of Redis's radix tree ({@code ~}), which is what frees memory
   */
  RoomStreamWriter(int partition, RedisTopology redis, EntryLimits limits, long history) {
    super(redis, "termchat:{" + Partitions.tag(partition) + "}:room:", "chat-room-writer-p" + partition);
    this.limits = limits;
    this.history = history;
  }

  @Override
  void writableAgain() {
    log.info("Redis takes the rooms' lines of {} again", threadName());
  }

  /** Sends a batch in one pipeline; a line past its bounds, and what the master did not take, go back as lost. */
  @Override
  boolean sendFrom(RoomEvent.Line first) {
    List<RoomEvent.Line> sent = new ArrayList<>(BATCH);
    List<Map<String, String>> encoded = new ArrayList<>(BATCH);
    for (RoomEvent.Line line = first; line != null; line = sent.size() < BATCH ? nextWaiting() : null) {
      Map<String, String> fields = codec.encode(line);
      Optional<String> problem = limits.problem(fields);
      if (problem.isPresent()) {
        log.error("Not appending a room's line past its bounds, which should have been refused where it came in: {}", problem.get());
        room.lost(line);
        continue;
      }
      sent.add(line);
      encoded.add(fields);
    }
    if (sent.isEmpty()) {
      return true;
    }
    List<Response<StreamEntryID>> answers;
    try {
      // Gathered first, connected after: a master that cannot be reached then hands back every
      // line taken for this batch, never the first one left in neither the batch nor the queue.
      if (writing == null) {
        answers = pipeline(reconnect(), sent, encoded);
      } else {
        try {
          answers = pipeline(writing, sent, encoded);
        } catch (JedisConnectionException e) {
          if (RedisConnections.timedOut(e)) {
            throw e;
          }
          // A connection from before its master restarted fails at its first use, having
          // delivered nothing; a new one may not.
          log.debug("A connection of {} was gone ({}); sending on a new one", threadName(), e.getMessage());
          answers = pipeline(reconnect(), sent, encoded);
        }
      }
    } catch (JedisException e) {
      // Some may have been written before the connection failed: they come back through the
      // readers all the same, and the room tells apart a line said twice by its sender's id.
      log.warn("Redis did not take rooms' lines on {} ({}); refusing them until it does", threadName(), e.getMessage());
      RedisConnections.closeQuietly(writing);
      writing = null;
      refuseFromNow();
      sent.forEach(room::lost);
      return false;
    }
    return allTaken(sent, answers);
  }

  private List<Response<StreamEntryID>> pipeline(Jedis connection, List<RoomEvent.Line> sent, List<Map<String, String>> encoded) {
    List<Response<StreamEntryID>> answers = new ArrayList<>(sent.size());
    Pipeline pipeline = connection.pipelined();
    XAddParams params = XAddParams.xAddParams().maxLen(history).approximateTrimming();
    for (int i = 0; i < sent.size(); i++) {
      String key = Partitions.streamKey(sent.get(i).room());
      answers.add(pipeline.xadd(key, params, encoded.get(i)));
      pipeline.pexpire(key, TIME_TO_LIVE.toMillis());
    }
    pipeline.sync();
    return answers;
  }


  /** Whether the master took every line; those it refused go back as lost. */
  private boolean allTaken(List<RoomEvent.Line> sent, List<Response<StreamEntryID>> answers) {
    boolean all = true;
    for (int i = 0; i < answers.size(); i++) {
      try {
        answers.get(i).get();
      } catch (JedisException e) {
        if (all) {
          log.warn("Redis refused a room's line on {}: {}", threadName(), e.getMessage());
          refuseFromNow();
        }
        all = false;
        room.lost(sent.get(i));
      }
    }
    return all;
  }
}
