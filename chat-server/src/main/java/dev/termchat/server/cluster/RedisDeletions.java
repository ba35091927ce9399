package dev.termchat.server.cluster;

import dev.termchat.protocol.RoomNames;
import dev.termchat.server.room.MessageDeletions;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What a cluster keeps beyond memory, for deleting: a deleted message's entry is taken out of
 * the stream that carried it ({@code XDEL}), the node-wide one for {@code #general}, the room's
 * own for a made room, so that a node that loads the room later does not bring it back. Every
 * node that applies the deletion asks the same (an entry deleted already is nothing to delete),
 * on a thread of its own.
 */
public final class RedisDeletions implements MessageDeletions {
  private static final Logger log = ClusterLogger.LOG;
  private static final int TIMEOUT_MILLIS = (int) RedisConnections.TIMEOUT.toMillis();
  private static final long CLOSE_WAIT_SECONDS = 5;

  private final RedisTopology topology;
  private final String nodeWideStream;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "chat-redis-deletions");
            thread.setDaemon(true);
            return thread;
          });

  /** @param nodeWideStream the key of the stream that carries {@code #general}'s lines */
  public RedisDeletions(URI redis, String nodeWideStream) {
    this.topology = new RedisTopology(redis);
    this.nodeWideStream = nodeWideStream;
  }

  @Override
  public void deleted(String roomKey, String id) {
    StreamEntryID entry;
    try {
      entry = new StreamEntryID(id);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return; // No entry's id: nothing the streams hold.
    }
    String key = roomKey.equals(RoomNames.keyOf(RoomNames.DEFAULT_ROOM)) ? nodeWideStream : Partitions.streamKey(roomKey);
    writer.execute(() -> {
      try (Jedis connection = topology.open(key, TIMEOUT_MILLIS)) {
        connection.xdel(key, entry);
      } catch (JedisException e) {
        log.warn("Could not delete message {} from {}: {}; it stays there until trimmed", id, key, e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("The deletions were not all made in Redis within {} s", CLOSE_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
