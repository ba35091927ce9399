package dev.termchat.server.room;

import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.NameRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Who is online: registered names in join order, unique by {@link NameKeys key}, so that neither
 * case nor look-alike characters make a second {@code alice}. Thread-safe; the room is its only
 * writer, and any thread may read it.
 */
final class UserRegistry {
  /** Suffixes tried in turn before random ones. */
  private static final int LAST_IN_TURN = 9;
  private final Set<String> reservedKeys;
  private final String guestKeyPrefix;

  /** Keyed by {@link NameKeys#keyOf}. Guarded by {@code this}. */
  private final Map<String, Member> byKey = new LinkedHashMap<>();
  /** The name each registered member has. Guarded by {@code this}. */
  private final Map<Member, String> nameOf = new HashMap<>();

  /** Snapshots rebuilt on the first read after a change. Guarded by {@code this}. */
  private List<Member> membersSnapshot = List.of();
  private List<String> namesSnapshot = List.of();
  private boolean snapshotStale;

  UserRegistry() {
    reservedKeys = NameRules.RESERVED.stream().map(NameKeys::keyOf).collect(Collectors.toUnmodifiableSet());
    guestKeyPrefix = NameKeys.keyOf(NameRules.GUEST_PREFIX);
  }

  /**
   * Why a valid name may still not be used: it looks like a reserved name or has the guest
   * prefix without being a guest name.
   */
  synchronized Optional<String> reservation(String name) {
    String key = NameKeys.keyOf(name);
    if (reservedKeys.contains(key)) {
      return Optional.of("the name \"" + name + "\" is reserved");
    }
    if (key.startsWith(guestKeyPrefix) && !NameRules.isGuestName(name)) {
      return Optional.of("names like \"" + NameRules.GUEST_PREFIX + "\" are for guests");
    }
    return Optional.empty();
  }

  /**
   * Registers the member under the name it asked for, or the first free {@code name-2},
   * {@code name-3}, ... when that is taken; a {@code null} request, or a guest name that is taken,
   * gets a new guest name.
   *
   * @return the name the member now has
   */
  synchronized String claim(Member member, String requested) {
    String name;
    if (requested == null || (NameRules.isGuestName(requested) && isTaken(requested))) {
      name = freeGuestName();
    } else {
      name = freeVariantOf(requested);
    }
    byKey.put(NameKeys.keyOf(name), member);
    nameOf.put(member, name);
    snapshotStale = true;
    return name;
  }

  /** The member's name, or {@code null} when it is not registered. */
  synchronized String nameOf(Member member) {
    return nameOf.get(member);
  }

  /**
   * Removes the member.
   *
   * @return the name it had, or {@code null} when it was not registered
   */
  synchronized String release(Member member) {
    String name = nameOf.remove(member);
    if (name == null) {
      return null;
    }
    byKey.remove(NameKeys.keyOf(name), member);
    snapshotStale = true;
    return name;
  }

  synchronized List<Member> members() {
    refreshSnapshots();
    return membersSnapshot;
  }

  synchronized List<String> names() {
    refreshSnapshots();
    return namesSnapshot;
  }

  private void refreshSnapshots() {
    if (!snapshotStale) {
      return;
    }
    List<Member> members = new ArrayList<>(byKey.values());
    List<String> names = new ArrayList<>(members.size());
    for (Member member : members) {
      names.add(nameOf.get(member));
    }
    membersSnapshot = List.copyOf(members);
    namesSnapshot = List.copyOf(names);
    snapshotStale = false;
  }

  private boolean isTaken(String name) {
    return byKey.containsKey(NameKeys.keyOf(name));
  }

  /**
   * The name, or a free {@code name-N}, cut short where needed to stay a valid length: the first
   * free of {@code -2} to {@code -9}, as people expect, then numbers picked at random from ranges
   * that grow. So a claim costs a few lookups however many others asked for the same name; trying
   * every number in turn would let thousands of clients all asking for "x" stall the room.
   */
  private String freeVariantOf(String requested) {
    if (!isTaken(requested)) {
      return requested;
    }
    for (int suffix = 2; suffix <= LAST_IN_TURN; suffix++) {
      String name = withSuffix(requested, suffix);
      if (!isTaken(name)) {
        return name;
      }
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int bound = 100; ; bound = (int) Math.min(Integer.MAX_VALUE, bound * 10L)) {
      for (int attempt = 0; attempt < 8; attempt++) {
        String name = withSuffix(requested, random.nextInt(LAST_IN_TURN + 1, bound));
        if (!isTaken(name)) {
          return name;
        }
      }
    }
  }

  private static String withSuffix(String requested, int suffix) {
    String tail = "-" + suffix;
    return firstCodePoints(requested, NameRules.MAX_LENGTH - tail.length()) + tail;
  }

  private static String firstCodePoints(String text, int count) {
    int length = text.codePointCount(0, text.length());
    return length <= count ? text : text.substring(0, text.offsetByCodePoints(0, count));
  }

  private String freeGuestName() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int bound = 10_000; ; bound *= 10) {
      for (int attempt = 0; attempt < 8; attempt++) {
        String name = NameRules.GUEST_PREFIX + random.nextInt(bound / 10, bound);
        if (!isTaken(name)) {
          return name;
        }
      }
    }
  }
}
