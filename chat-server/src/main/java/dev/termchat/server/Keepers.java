package dev.termchat.server;

import dev.termchat.server.account.AccountStore;
import dev.termchat.server.account.MemoryAccounts;
import dev.termchat.server.cluster.RedisAccounts;
import dev.termchat.server.cluster.RedisBans;
import dev.termchat.server.cluster.RedisDeletions;
import dev.termchat.server.cluster.RedisRoomLog;
import dev.termchat.server.room.BanBook;
import dev.termchat.server.room.InMemoryRoomLog;
import dev.termchat.server.room.MessageArchive;
import dev.termchat.server.room.MessageDeletions;
import dev.termchat.server.room.RoomLog;
import dev.termchat.server.store.SqliteAccounts;
import dev.termchat.server.store.SqliteArchive;
import dev.termchat.server.store.SqliteBans;
import dev.termchat.server.store.SqliteRoomLog;
import dev.termchat.server.store.StoreFile;
import dev.termchat.server.store.StoreRetention;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a server keeps what outlives a connection, chosen once from its configuration: a
 * cluster's Redis, else the store on disk, else memory alone. The log, what was said beyond
 * memory (scrollback, search), bans, deletions, accounts, and the store's retention: each from
 * the same one, so that none is kept where the others are not.
 */
final class Keepers {
  /** The key of the room's stream in a cluster's Redis. */
  static final String REDIS_STREAM = "termchat:room";
  /** About how many entries the stream keeps at most: far more than the history asks of it. */
  static final long REDIS_STREAM_LENGTH = 100_000;
  /** How often the store lets go of messages past its age and its count per room. */
  private static final Duration RETENTION_INTERVAL = Duration.ofHours(1);

  final Optional<RedisRoomLog> redisLog;
  final RoomLog roomLog;
  final MessageArchive archive;
  final BanBook bans;
  final MessageDeletions deletions;
  final AccountStore accounts;
  /** Lets go of the store's old messages, hourly; empty without a store. */
  private final Optional<StoreRetention> retention;

  Keepers(ServerConfig config, Optional<StoreFile> store, Clock clock) {
    this.redisLog =
        config.redis()
            .map(
                redis ->
                    new RedisRoomLog(
                        redis,
                        REDIS_STREAM,
                        new RedisRoomLog.Limits(
                            REDIS_STREAM_LENGTH, config.redisStreamBytes(), config.maxMessageChars(), config.maxConnections(),
                            config.maxRoomsPerConnection(), config.historySize())));
    Optional<SqliteRoomLog> storeLog = store.map(file -> new SqliteRoomLog(file, clock, REDIS_STREAM_LENGTH));
    this.roomLog = redisLog.isPresent() ? redisLog.get() : storeLog.isPresent() ? storeLog.get() : new InMemoryRoomLog(clock);
    this.archive = storeLog.<MessageArchive>map(log -> new SqliteArchive(log.file(), log)).orElse(MessageArchive.NONE);
    this.bans = config.redis().<BanBook>map(RedisBans::new).orElseGet(() -> store.<BanBook>map(SqliteBans::new).orElse(BanBook.NONE));
    this.deletions = storeLog.<MessageDeletions>map(log -> log::deleted)
        .or(() -> config.redis().map(redis -> new RedisDeletions(redis, REDIS_STREAM)))
        .orElse(MessageDeletions.NONE);
    this.accounts =
        config.redis().isPresent()
            ? new RedisAccounts(config.redis().get(), Duration.ofDays(config.offlineDays()))
            : store.<AccountStore>map(file -> new SqliteAccounts(file, clock)).orElseGet(MemoryAccounts::new);
    this.retention = store.map(file -> new StoreRetention(file, clock, Duration.ofDays(config.keepDays()), config.keepPerRoom()));
    retention.ifPresent(pass -> pass.start(RETENTION_INTERVAL));
  }

  /** Stops the store's retention; the rest closes with the room that uses it. */
  void stopRetention() {
    retention.ifPresent(StoreRetention::close);
  }

  /** Closes what the room does not: the archive's reader. */
  void closeArchive() {
    if (archive instanceof SqliteArchive sqlite) {
      sqlite.close();
    }
  }
}
