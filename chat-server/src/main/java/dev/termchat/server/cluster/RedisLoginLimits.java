package dev.termchat.server.cluster;

import dev.termchat.server.account.AccountStoreException;
import dev.termchat.server.account.SharedLoginLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Failed logins counted in a cluster's Redis, so that every node holds an address or an account
 * alike: per address ({@code termchat:login:address:HOST}), per address range ({@code
 * termchat:login:range:RANGE}, five addresses' worth) and per account ({@code
 * termchat:login:account:KEY}) one number, when its allowance is whole again (the generic cell
 * rate algorithm, as {@code RateByKey}), taken and given back by a script, so that two nodes
 * taking at once both count; it expires once whole. The addresses that logged in to an account,
 * {@code termchat:login:known:KEY}, a sorted set by time: the newest 10, for 30 days. Accounts made
 * per address, {@code termchat:register:address:HOST}, counted as the failures are. Each key is
 * touched alone, so a Redis Cluster keeps each on its slot. Times are the node's clock: nodes'
 * clocks a few seconds apart move a wait of 333 s by as much. A connection each call, on the
 * hashing pool. Thread-safe.
 */
public final class RedisLoginLimits implements SharedLoginLimits {
  static final int BURST = 5;
  static final long INTERVAL_MILLIS = 333_333;
  /** An address range's count: five addresses' worth, as {@code LoginLimits} has it. */
  static final int RANGE_BURST = BURST * 5;
  static final long RANGE_INTERVAL_MILLIS = INTERVAL_MILLIS / 5;
  static final int KNOWN_PER_ACCOUNT = 10;
  static final Duration KNOWN_FOR = Duration.ofDays(30);
  private static final String ADDRESS = "termchat:login:address:";
  private static final String ACCOUNT = "termchat:login:account:";
  private static final String RANGE = "termchat:login:range:";
  private static final String KNOWN = "termchat:login:known:";
  private static final String REGISTERED = "termchat:register:address:";

  /** KEYS[1] the count; ARGV now, interval, tolerance. Returns 0 when taken, else the wait. */
  private static final String TAKE = """
      local now = tonumber(ARGV[1])
      local whole = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
      if whole < now then whole = now end
      local wait = whole - tonumber(ARGV[3]) - now
      if wait > 0 then return wait end
      whole = whole + tonumber(ARGV[2])
      redis.call('SET', KEYS[1], whole, 'PX', whole - now)
      return 0
      """;
  /** KEYS[1] the count; ARGV now, interval. Gives one back; a count whole again is forgotten. */
  private static final String GIVE_BACK = """
      local held = redis.call('GET', KEYS[1])
      if not held then return 0 end
      local whole = tonumber(held) - tonumber(ARGV[2])
      local left = whole - tonumber(ARGV[1])
      if left <= 0 then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], whole, 'PX', left) end
      return 0
      """;

  private final RedisTopology redis;
  private final Clock clock;

  public RedisLoginLimits(URI redis, Clock clock) {
    this.redis = new RedisTopology(redis);
    this.clock = clock;
  }

  @Override
  public long take(String host, String range, String account) {
    long now = clock.millis();
    long wait = script(TAKE, ADDRESS + host, now, INTERVAL_MILLIS, (BURST - 1) * INTERVAL_MILLIS);
    if (wait > 0 || (account != null && known(account, host, now))) {
      return wait;
    }
    if (range != null) {
      wait = script(TAKE, RANGE + range, now, RANGE_INTERVAL_MILLIS, (RANGE_BURST - 1) * RANGE_INTERVAL_MILLIS);
      if (wait > 0) {
        script(GIVE_BACK, ADDRESS + host, now, INTERVAL_MILLIS);
        return wait;
      }
    }
    if (account != null) {
      wait = script(TAKE, ACCOUNT + account, now, INTERVAL_MILLIS, (BURST - 1) * INTERVAL_MILLIS);
      if (wait > 0) {
        script(GIVE_BACK, ADDRESS + host, now, INTERVAL_MILLIS);
        if (range != null) {
          script(GIVE_BACK, RANGE + range, now, RANGE_INTERVAL_MILLIS);
        }
      }
    }
    return wait;
  }

  @Override
  public void succeeded(String host, String range, String account) {
    long now = clock.millis();
    script(GIVE_BACK, ADDRESS + host, now, INTERVAL_MILLIS);
    if (account != null && known(account, host, now)) {
      remember(account, host, now);
      return;
    }
    if (range != null) {
      script(GIVE_BACK, RANGE + range, now, RANGE_INTERVAL_MILLIS);
    }
    if (account != null) {
      script(GIVE_BACK, ACCOUNT + account, now, INTERVAL_MILLIS);
      remember(account, host, now);
    }
  }

  @Override
  public void registered(String host, String range, String account) {
    long now = clock.millis();
    script(GIVE_BACK, ADDRESS + host, now, INTERVAL_MILLIS);
    if (range != null) {
      script(GIVE_BACK, RANGE + range, now, RANGE_INTERVAL_MILLIS);
    }
    remember(account, host, now);
  }

  @Override
  public long takeRegistration(String host, long intervalMillis, int burst) {
    return script(TAKE, REGISTERED + host, clock.millis(), intervalMillis, (burst - 1) * intervalMillis);
  }

  @Override
  public void giveBackRegistration(String host, long intervalMillis) {
    script(GIVE_BACK, REGISTERED + host, clock.millis(), intervalMillis);
  }

  private boolean known(String account, String host, long now) {
    String key = KNOWN + account;
    Double last = call(key, connection -> connection.zscore(key, host));
    return last != null && now - last.longValue() <= KNOWN_FOR.toMillis();
  }

  private void remember(String account, String host, long now) {
    String key = KNOWN + account;
    call(key, connection -> {
      connection.zadd(key, now, host);
      connection.zremrangeByRank(key, 0, -KNOWN_PER_ACCOUNT - 1);
      return connection.pexpire(key, KNOWN_FOR.toMillis());
    });
  }

  private long script(String script, String key, long... numbers) {
    List<String> args = java.util.Arrays.stream(numbers).mapToObj(Long::toString).toList();
    Object answer = call(key, connection -> connection.eval(script, List.of(key), args));
    return answer instanceof Long wait ? wait : 0;
  }

  private <T> T call(String key, Function<Jedis, T> command) {
    try (Jedis connection = redis.open(key, (int) RedisConnections.TIMEOUT.toMillis())) {
      return command.apply(connection);
    } catch (JedisException e) {
      throw new AccountStoreException("Redis did not answer for login limits: " + e.getMessage(), e);
    }
  }
}
