package dev.termchat.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who is online: registered names, unique case-insensitively, in join order. Thread-safe; the
 * room is its only writer, and any thread may read it.
 */
final class UserRegistry {
  static final String GUEST_PREFIX = "guest-";

  /** Keyed by the case-folded name. Guarded by {@code this}. */
  private final Map<String, Session> byKey = new LinkedHashMap<>();

  /** Snapshots rebuilt on the first read after a change. Guarded by {@code this}. */
  private List<Session> membersSnapshot = List.of();
  private List<String> namesSnapshot = List.of();
  private boolean snapshotStale;

  /**
   * Registers the session under the name it asked for, or the first free {@code name-2},
   * {@code name-3}, ... when that is taken; a {@code null} request gets a guest name.
   *
   * @return the name the session now has
   */
  synchronized String claim(Session session, String requested) {
    String name = requested == null ? freeGuestName() : freeVariantOf(requested);
    byKey.put(key(name), session);
    session.registerAs(name);
    snapshotStale = true;
    return name;
  }

  /** Removes the session; returns whether it was registered. */
  synchronized boolean release(Session session) {
    String name = session.name();
    if (name == null || !byKey.remove(key(name), session)) {
      return false;
    }
    snapshotStale = true;
    return true;
  }

  synchronized List<Session> members() {
    refreshSnapshots();
    return membersSnapshot;
  }

  synchronized List<String> names() {
    refreshSnapshots();
    return namesSnapshot;
  }

  synchronized int size() {
    return byKey.size();
  }

  private void refreshSnapshots() {
    if (!snapshotStale) {
      return;
    }
    List<Session> members = new ArrayList<>(byKey.values());
    List<String> names = new ArrayList<>(members.size());
    for (Session member : members) {
      names.add(member.name());
    }
    membersSnapshot = List.copyOf(members);
    namesSnapshot = List.copyOf(names);
    snapshotStale = false;
  }

  private String freeVariantOf(String requested) {
    String name = requested;
    for (int suffix = 2; byKey.containsKey(key(name)); suffix++) {
      name = requested + "-" + suffix;
    }
    return name;
  }

  private String freeGuestName() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int bound = 10_000; ; bound *= 10) {
      for (int attempt = 0; attempt < 8; attempt++) {
        String name = GUEST_PREFIX + random.nextInt(bound / 10, bound);
        if (!byKey.containsKey(key(name))) {
          return name;
        }
      }
    }
  }

  /** Names compare case-insensitively, by full case folding where the JDK offers it. */
  static String key(String name) {
    return name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }
}
