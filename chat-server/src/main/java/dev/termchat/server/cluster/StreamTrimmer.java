package dev.termchat.server.cluster;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.commands.StreamCommands;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XTrimParams;

/**
 * Keeps the room's stream within its budget: each append carries the trim that the {@link
 * StreamBudget} asks for ({@code XADD ... MINID ~ ID}); and when Redis is full all the same (its
 * {@code maxmemory} below the budget, or other data in it) and refuses appends, which a trim
 * within the refused {@code XADD} cannot help, a trim of its own ({@code XTRIM}, which Redis runs
 * when full) drops the older half of the stream, so that the room goes on by itself rather than
 * waiting for an operator to delete the stream. Thread-safe.
 */
final class StreamTrimmer {
  private static final Logger log = ClusterLogger.LOG;

  private final String stream;
  private final StreamBudget budget;
  /** How often Redis was full and the stream was trimmed to make room. */
  private final AtomicLong roomMade = new AtomicLong();

  StreamTrimmer(String stream, StreamBudget budget) {
    this.stream = stream;
    this.budget = budget;
  }

  /** Whether Redis refused a command for want of memory ({@code maxmemory} with noeviction). */
  static boolean outOfMemory(JedisException failure) {
    return failure instanceof JedisDataException && String.valueOf(failure.getMessage()).startsWith("OOM");
  }

  /** The parameters of the next append: with a trim when the stream is past its budget. */
  XAddParams appendParams() {
    StreamEntryID keep = budget.keepFrom();
    XAddParams params = XAddParams.xAddParams();
    // Approximate: Redis drops whole nodes of its radix tree, which is what frees memory.
    return keep == null ? params : params.minId(keep.toString()).approximateTrimming();
  }

  /**
   * Drops the older half of the stream, as this node has read it, to make room in a Redis that
   * refused an append for want of memory; a node that has read nothing yet halves it by length.
   * Synchronized, so that the writer and the liveness check, both refused at once, halve it once.
   *
   * @throws JedisException when Redis cannot be reached either
   */
  synchronized void makeRoom(StreamCommands redis) {
    StreamEntryID keep = budget.keepNewerHalf();
    long removed;
    if (keep != null) {
      removed = redis.xtrim(stream, XTrimParams.xTrimParams().minId(keep.toString()).approximateTrimming());
      budget.trimmed(keep);
    } else {
      long length = redis.xlen(stream);
      removed = redis.xtrim(stream, XTrimParams.xTrimParams().maxLen(length / 2).approximateTrimming());
    }
    roomMade.incrementAndGet();
    log.warn(
        "Redis is full (its maxmemory) and refused the room's log: dropped the log's older half ({} entries; about {} bytes "
            + "left by this node's count) to make room. Give Redis more maxmemory, or the log a smaller --redis-stream-bytes "
            + "(OPERATIONS.md, Cluster)",
        removed,
        budget.bytes());
  }

  /** How often Redis was full and the stream trimmed to make room. */
  long roomMade() {
    return roomMade.get();
  }
}
