package dev.termchat.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.server.account.AccountStore;
import dev.termchat.server.account.AccountStoreException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Accounts in a cluster's Redis, where every node finds them: one hash, {@value #ACCOUNTS}, an
 * account's name's key to its name and password hash (HSETNX makes creating one atomic, so of two
 * nodes registering one name at once, one wins); and a list a registered user, {@code
 * termchat:offline:KEY}, of the private messages kept while they are offline (a script: RPUSH,
 * LREM of the sender's oldest past its 10, LTRIM to the newest, PEXPIRE past the age; LPOP takes them all at once, so each is delivered once). A
 * Redis Cluster keeps each key on its slot's master. A connection each call: accounts change
 * seldom. Thread-safe.
 */
public final class RedisAccounts implements AccountStore {
  static final String ACCOUNTS = "termchat:accounts";
  private static final String OFFLINE = "termchat:offline:";
  /**
   * KEYS[1] the account's list; ARGV the message, its sender, the most kept from one sender, the
   * most kept in all, how long. Appends it; past the sender's bound, the sender's oldest goes
   * (LREM of its first occurrence), then past the whole bound the oldest. One script: atomic.
   */
  private static final String KEEP = """
      redis.call('RPUSH', KEYS[1], ARGV[1])
      local from, ones = ARGV[2], {}
      for _, kept in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
        local ok, message = pcall(cjson.decode, kept)
        if ok and type(message) == 'table' and message['from'] == from then table.insert(ones, kept) end
      end
      if #ones > tonumber(ARGV[3]) then redis.call('LREM', KEYS[1], 1, ones[1]) end
      redis.call('LTRIM', KEYS[1], -tonumber(ARGV[4]), -1)
      redis.call('PEXPIRE', KEYS[1], ARGV[5])
      return 0
      """;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RedisTopology redis;
  private final Duration maxAge;

  /** @param maxAge how long a list of kept messages outlives its newest message */
  public RedisAccounts(URI redis, Duration maxAge) {
    this.redis = new RedisTopology(redis);
    this.maxAge = maxAge;
  }

  @Override
  public Optional<Stored> find(String key) {
    String stored = call(ACCOUNTS, connection -> connection.hget(ACCOUNTS, key));
    if (stored == null) {
      return Optional.empty();
    }
    JsonNode account = parse(stored);
    return Optional.of(new Stored(account.path("name").asText(), account.path("hash").asText()));
  }

  @Override
  public boolean create(String key, String name, String hash) {
    return call(ACCOUNTS, connection -> connection.hsetnx(ACCOUNTS, key, account(name, hash)) == 1);
  }

  @Override
  public void changeHash(String key, String hash) {
    find(key).ifPresent(stored -> call(ACCOUNTS, connection -> connection.hset(ACCOUNTS, key, account(stored.name(), hash))));
  }

  @Override
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (String stored : call(ACCOUNTS, connection -> connection.hvals(ACCOUNTS))) {
      names.add(parse(stored).path("name").asText());
    }
    return names;
  }

  @Override
  public void keep(String key, PrivateChat message, int max, int perSender) {
    String list = OFFLINE + key;
    ObjectNode kept = JSON.createObjectNode()
        .put("from", message.from())
        .put("to", message.to())
        .put("message", message.message())
        .put("time", message.time())
        .put("id", message.id());
    call(list, connection -> connection.eval(KEEP, List.of(list),
        List.of(kept.toString(), message.from(), Integer.toString(perSender), Integer.toString(max), Long.toString(maxAge.toMillis()))));
  }

  @Override
  public List<PrivateChat> take(String key) {
    String list = OFFLINE + key;
    List<String> taken = call(list, connection -> connection.lpop(list, Integer.MAX_VALUE));
    List<PrivateChat> messages = new ArrayList<>();
    if (taken != null) {
      for (String one : taken) {
        JsonNode kept = parse(one);
        messages.add(new PrivateChat(
            kept.path("from").asText(), kept.path("to").asText(), kept.path("message").asText(), kept.path("time").asLong(),
            kept.hasNonNull("id") ? kept.get("id").asText() : null, null));
      }
    }
    return messages;
  }

  private <T> T call(String key, Function<Jedis, T> command) {
    try (Jedis connection = redis.open(key, (int) RedisConnections.TIMEOUT.toMillis())) {
      return command.apply(connection);
    } catch (JedisException e) {
      throw new AccountStoreException("Redis did not answer for accounts: " + e.getMessage(), e);
    }
  }

  private static String account(String name, String hash) {
    return JSON.createObjectNode().put("name", name).put("hash", hash).toString();
  }

  private static JsonNode parse(String stored) {
    try {
      return JSON.readTree(stored);
    } catch (JsonProcessingException e) {
      throw new AccountStoreException("an account in Redis is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public void close() {}
}
