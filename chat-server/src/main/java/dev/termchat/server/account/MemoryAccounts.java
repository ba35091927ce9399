package dev.termchat.server.account;

import dev.termchat.protocol.PrivateChat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Accounts in this process's memory: a server with {@code --data none} forgets them when it stops. */
public final class MemoryAccounts implements AccountStore {
  private final Map<String, Stored> accounts = new ConcurrentHashMap<>();
  /** The private messages kept for each account, oldest first. Guarded by itself. */
  private final Map<String, Deque<PrivateChat>> kept = new HashMap<>();

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
  public void keep(String key, PrivateChat message, int max, int perSender) {
    synchronized (kept) {
      Deque<PrivateChat> box = kept.computeIfAbsent(key, k -> new ArrayDeque<>());
      box.addLast(message);
      if (box.stream().filter(one -> one.from().equals(message.from())).count() > perSender) {
        for (Iterator<PrivateChat> oldest = box.iterator(); oldest.hasNext(); ) {
          if (oldest.next().from().equals(message.from())) {
            oldest.remove();
            break;
          }
        }
      }
      while (box.size() > max) {
        box.removeFirst();
      }
    }
  }

  @Override
  public List<PrivateChat> take(String key) {
    synchronized (kept) {
      Deque<PrivateChat> box = kept.remove(key);
      return box == null ? List.of() : List.copyOf(box);
    }
  }

  @Override
  public void close() {}
}
