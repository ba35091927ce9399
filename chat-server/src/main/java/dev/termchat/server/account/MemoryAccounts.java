package dev.termchat.server.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Accounts in this process's memory: a server with {@code --data none} forgets them when it stops. */
public final class MemoryAccounts implements AccountStore {
  private final Map<String, Stored> accounts = new ConcurrentHashMap<>();

  @Override
  public Optional<Stored> find(String key) {
    return Optional.ofNullable(accounts.get(key));
  }

  @Override
  public boolean create(String key, String name, String hash) {
    return accounts.putIfAbsent(key, new Stored(name, hash)) == null;
  }

  @Override
  public void changeHash(String key, String hash) {
    accounts.computeIfPresent(key, (k, stored) -> new Stored(stored.name(), hash));
  }

  @Override
  public List<String> names() {
    List<String> names = new ArrayList<>();
    accounts.values().forEach(stored -> names.add(stored.name()));
    return names;
  }

  @Override
  public void close() {}
}
