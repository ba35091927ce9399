package dev.termchat.server.cluster;

import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomEventCodec;
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
 * Appends the room's events to the stream, on a thread of its own: events queue for it, and it
 * sends what has gathered in one pipeline ({@code XADD ... MINID ~}, trimmed to the stream's
 * budget). A Redis that is slow or gone then stalls this thread alone, never the I/O thread and
 * every connection with it; what it could not write goes back to the room as lost, and until
 * Redis answers again, appends are refused at once. Every field of an event is checked against
 * its bound before it is appended.
 */
final class StreamWriter extends QueuedWriter<RoomEvent> {
  private static final Logger log = ClusterLogger.LOG;
  private static final int BATCH = 256;
  /**
   * A pipeline gathers no more once it holds this many bytes: Redis counts what a client sent
   * and it has not yet run in its memory.
   */
  private static final int BATCH_BYTES = 512 * 1024;

  private final String stream;
  private final EntryLimits limits;
  private final StreamTrimmer trimmer;
  private final RoomEventCodec codec = new RoomEventCodec();

  /** An event encoded, as it is appended. */
  private record Encoded(RoomEvent event, Map<String, String> fields) {}

  StreamWriter(RedisTopology redis, String stream, EntryLimits limits, StreamTrimmer trimmer) {
    super(redis, stream, "chat-log-writer");
    this.stream = stream;
    this.limits = limits;
    this.trimmer = trimmer;
  }

  @Override
  boolean sendFrom(RoomEvent first) {
    List<Encoded> batch = new ArrayList<>(BATCH);
    gather(first, batch);
    return batch.isEmpty() || send(batch);
  }

  @Override
  void writableAgain() {
    log.info("Redis takes the room's events again");
    room.mayHaveLost();
  }

  /**
   * Encodes this event and those waiting behind it, up to a pipeline's worth; one with a field
   * past its bound goes back to the room as lost, never to Redis.
   */
  private void gather(RoomEvent first, List<Encoded> batch) {
    int bytes = 0;
    for (RoomEvent event = first; event != null; event = batch.size() < BATCH && bytes < BATCH_BYTES ? nextWaiting() : null) {
      Map<String, String> fields = codec.encode(event);
      Optional<String> problem = limits.problem(fields);
      if (problem.isPresent()) {
        log.error("Not appending a room event past its bounds, which should have been refused where it came in: {}", problem.get());
        room.lost(event);
        continue;
      }
      batch.add(new Encoded(event, fields));
      bytes += EntryLimits.bytes(fields);
    }
  }

  /**
   * Sends a batch in one pipeline; what Redis did not take goes back to the room as lost. When
   * Redis refused the batch's tail for want of memory, the stream is trimmed to make room, and
   * that tail sent again, once: in order, behind what was taken.
   *
   * @return whether Redis took all of it
   */
  private boolean send(List<Encoded> batch) {
    List<Encoded> unsent = batch;
    for (boolean again = false; ; again = true) {
      List<JedisException> refusals;
      try {
        refusals = refusals(again ? pipeline(writing, unsent) : pipelineOnFreshConnection(unsent));
      } catch (JedisException e) {
        // Some may have been written before the connection failed: they come back through the
        // reader all the same, and the room tells apart a line said twice by its sender's id.
        log.warn("Redis did not take the room's events ({}); refusing them until it does", e.getMessage());
        refuseFromNow();
        unsent.forEach(encoded -> room.lost(encoded.event()));
        return false;
      }
      int first = firstRefused(refusals);
      if (first == refusals.size()) {
        return true;
      }
      if (!again && refusals.subList(first, refusals.size()).stream().allMatch(e -> e != null && StreamTrimmer.outOfMemory(e))) {
        try {
          trimmer.makeRoom(writing);
          unsent = unsent.subList(first, unsent.size());
          continue;
        } catch (JedisException e) {
          log.warn("Redis is full and could not be trimmed ({})", e.getMessage());
        }
      }
      log.warn("Redis refused a room event: {}", refusals.get(first).getMessage());
      for (int i = first; i < refusals.size(); i++) {
        if (refusals.get(i) != null) {
          room.lost(unsent.get(i).event());
        }
      }
      return false;
    }
  }

  private List<Response<StreamEntryID>> pipelineOnFreshConnection(List<Encoded> batch) {
    try {
      return pipeline(writing == null ? reconnect() : writing, batch);
    } catch (JedisConnectionException e) {
      if (RedisConnections.timedOut(e)) {
        throw e;
      }
      // A connection from before a Redis restart fails at its first use, having delivered
      // nothing; a new one may not.
      return pipeline(reconnect(), batch);
    }
  }

  private List<Response<StreamEntryID>> pipeline(Jedis connection, List<Encoded> batch) {
    List<Response<StreamEntryID>> answers = new ArrayList<>(batch.size());
    XAddParams params = trimmer.appendParams();
    Pipeline pipeline = connection.pipelined();
    for (Encoded encoded : batch) {
      answers.add(pipeline.xadd(stream, params, encoded.fields()));
    }
    pipeline.sync();
    return answers;
  }

  /** Each answer's refusal, {@code null} for an entry taken. */
  private static List<JedisException> refusals(List<Response<StreamEntryID>> answers) {
    List<JedisException> refusals = new ArrayList<>(answers.size());
    for (Response<StreamEntryID> answer : answers) {
      try {
        answer.get();
        refusals.add(null);
      } catch (JedisException e) {
        refusals.add(e);
      }
    }
    return refusals;
  }

  private static int firstRefused(List<JedisException> refusals) {
    int first = 0;
    while (first < refusals.size() && refusals.get(first) == null) {
      first++;
    }
    return first;
  }

}
