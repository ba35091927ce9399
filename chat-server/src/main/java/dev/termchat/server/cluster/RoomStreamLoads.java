package dev.termchat.server.cluster;

import dev.termchat.server.room.LogEntry;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomEventCodec;
import dev.termchat.server.room.RoomLoad;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamInfo;

/**
 * What a room's own stream holds, read for a {@link RoomLoad} and for the check that it has not
 * gone back behind what was read: the commands and the reading of their answers, apart from the
 * reader's thread and its bookkeeping. Stateless and thread-safe.
 */
final class RoomStreamLoads {
  private static final Logger log = ClusterLogger.LOG;
  static final StreamEntryID NONE = new StreamEntryID(0, 0);
  private static final RoomEventCodec CODEC = new RoomEventCodec();

  private RoomStreamLoads() {}

  /**
   * Where a stream stands: the id of the newest entry it ever had, and how many it was ever
   * given ({@code entries-added}, Redis 7; {@code -1} when Redis does not say).
   */
  record Position(StreamEntryID last, long added) {
    static final Position EMPTY = new Position(NONE, 0);

    /**
     * Whether the stream is behind what was read of it: deleted (expired) or begun anew on a
     * shard back empty, so what it holds now would never come after the old position.
     */
    boolean behind(Position read) {
      return last.compareTo(read.last) < 0 || (added >= 0 && read.added >= 0 && added < read.added);
    }
  }

  /** A load, and where the stream stood for it: where reading goes on from. */
  record Loaded(RoomLoad load, Position position) {}

  /**
   * The room's latest {@code count} lines and its position, read at once ({@code MULTI}: no
   * line can come between the two answers). One more line than asked is read, to know after
   * which id the lines are all the stream has.
   */
  static Loaded load(Jedis connection, String key, String room, int count) {
    Transaction transaction = connection.multi();
    Response<StreamInfo> info = transaction.xinfoStream(key);
    Response<List<StreamEntry>> newestFirst = transaction.xrevrange(key, "+", "-", count + 1);
    transaction.exec();
    Optional<StreamInfo> stream = info(info);
    if (stream.isEmpty()) {
      return new Loaded(new RoomLoad(room, true, List.of(), NONE.toString(), NONE.toString()), Position.EMPTY);
    }
    Position position = position(stream.get());
    List<StreamEntry> entries = newestFirst.get();
    List<LogEntry> lines = new ArrayList<>(entries.size());
    for (int i = Math.min(count, entries.size()) - 1; i >= 0; i--) {
      decode(entries.get(i)).ifPresent(lines::add);
    }
    StreamEntryID wholeAfter = wholeAfter(stream.get(), entries, count);
    return new Loaded(new RoomLoad(room, true, lines, position.last().toString(), wholeAfter.toString()), position);
  }

  /**
   * An id after which the lines read are all the stream has: the line past those asked for, if
   * there was one; else nothing was ever dropped ({@code 0-0}), or whatever was dropped is at or
   * before the id just below its oldest line or its greatest deleted one.
   */
  private static StreamEntryID wholeAfter(StreamInfo stream, List<StreamEntry> newestFirst, int count) {
    if (newestFirst.size() > count) {
      return newestFirst.get(count).getID();
    }
    Object added = stream.getStreamInfo().get("entries-added");
    if (added instanceof Long number && number == stream.getLength()) {
      return NONE;
    }
    if (newestFirst.isEmpty()) {
      return stream.getLastGeneratedId();
    }
    StreamEntryID oldest = newestFirst.get(newestFirst.size() - 1).getID();
    StreamEntryID below = oldest.getSequence() > 0
        ? new StreamEntryID(oldest.getTime(), oldest.getSequence() - 1)
        : new StreamEntryID(Math.max(0, oldest.getTime() - 1), Long.MAX_VALUE);
    Object deleted = stream.getStreamInfo().get("max-deleted-entry-id");
    return deleted instanceof StreamEntryID id && id.compareTo(below) > 0 ? id : below;
  }

  /** Each stream's position, asked in one pipeline ({@code XINFO STREAM}); a missing key is empty. */
  static Map<String, Position> positions(Jedis connection, Collection<String> keys) {
    Pipeline pipeline = connection.pipelined();
    Map<String, Response<StreamInfo>> answers = new HashMap<>();
    keys.forEach(key -> answers.put(key, pipeline.xinfoStream(key)));
    pipeline.sync();
    Map<String, Position> positions = new HashMap<>();
    answers.forEach((key, answer) -> positions.put(key, info(answer).map(RoomStreamLoads::position).orElse(Position.EMPTY)));
    return positions;
  }

  private static Position position(StreamInfo stream) {
    Object added = stream.getStreamInfo().get("entries-added");
    return new Position(stream.getLastGeneratedId(), added instanceof Long number ? number : -1);
  }

  /** What {@code XINFO STREAM} said, or empty when there is no such key. */
  private static Optional<StreamInfo> info(Response<StreamInfo> answer) {
    try {
      return Optional.of(answer.get());
    } catch (JedisDataException e) {
      if (String.valueOf(e.getMessage()).contains("no such key")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** A stream entry as the room takes it, or empty (with a warning) when it is no line. */
  static Optional<LogEntry> decode(StreamEntry entry) {
    RoomEvent event;
    try {
      event = CODEC.decode(entry.getFields());
    } catch (IllegalArgumentException e) {
      log.warn("Skipped room stream entry {}: {}", entry.getID(), e.getMessage());
      return Optional.empty();
    }
    if (!(event instanceof RoomEvent.Line line)) {
      log.warn("Skipped room stream entry {}: a {} where only lines belong", entry.getID(), event.getClass().getSimpleName());
      return Optional.empty();
    }
    return Optional.of(new LogEntry(entry.getID().toString(), entry.getID().getTime(), line));
  }
}
