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
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Who is online: registered names in join order, unique by {@link NameKeys key}, so that neither
 * case nor look-alike characters make a second {@code alice}; and the names held for clients
 * whose connection dropped, which count as taken until their hold runs out. Thread-safe; the room
 * is its only writer, and any thread may read it.
 */
final class UserRegistry {
  /** Suffixes tried in turn before random ones. */
  private static final int LAST_IN_TURN = 9;

  /** A registered connection's name, its address as messages show it, and what it understands. */
  /**
   * A registered connection.
   *
   * @param since when it registered, epoch milliseconds of the log's time; a rename keeps it
   */
  record Entry(String name, String address, Dialect dialect, long since) {}

  /** A name held for the session that had it. */
  private record Hold(String session, long until) {}

  private final Set<String> reservedKeys;
  private final String guestKeyPrefix;

  /** Keyed by {@link NameKeys#keyOf}, in join order. Guarded by {@code this}. */
  private final Map<String, Who> byKey = new LinkedHashMap<>();
  /** Guarded by {@code this}. */
  private final Map<Who, Entry> entries = new HashMap<>();
  /** The same connections, by {@link NameKeys#shapeOf}. Guarded by {@code this}. */
  private final Map<String, Who> byShape = new HashMap<>();
  /** Names held for dropped clients, by key. Guarded by {@code this}. */
  private final Map<String, Hold> held = new HashMap<>();
  /** The keys of the names held, by shape. Guarded by {@code this}. */
  private final Map<String, String> heldShapes = new HashMap<>();
  /** The names registered as accounts, reserved for whoever logs in to each. Guarded by {@code this}. */
  private final AccountNames accounts = new AccountNames();

  /**
   * Where the random picks of names (guest names, suffixes past -9) come from: the log entry
   * being applied, so that every node that applies the same log picks the same names. Guarded by
   * {@code this}.
   */
  private long seed;

  /** Snapshots rebuilt on the first read after a change. Guarded by {@code this}. */
  private List<Who> membersSnapshot = List.of();
  private List<String> namesSnapshot = List.of();
  private boolean snapshotStale;

  UserRegistry() {
    reservedKeys = NameRules.RESERVED.stream().map(NameKeys::keyOf).collect(Collectors.toUnmodifiableSet());
    guestKeyPrefix = NameKeys.keyOf(NameRules.GUEST_PREFIX);
  }

  /** Picks made from now on follow from this log entry's id, and from nothing else. */
  synchronized void decideFor(String entryId) {
    seed = entryId.hashCode() * 0x9E3779B97F4A7C15L;
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
   * Registers the connection under the name it asked for, or a free variant of it when that is
   * taken or held; a {@code null} request, or a guest name that is taken, gets a new guest name.
   *
   * @return the name the connection now has
   */
  synchronized String claim(Who who, String requested, String address, Dialect dialect, long now) {
    String name;
    if (requested == null || (NameRules.isGuestName(requested) && isTaken(requested, now, null, null))) {
      name = freeGuestName(now);
    } else {
      name = freeVariantOf(requested, now, null, accounts.of(who));
    }
    put(who, new Entry(name, address, dialect, now));
    return name;
  }

  /**
   * Registers the connection under the name held for this session, if it is still held for it
   * and no one else has it; otherwise as {@link #claim} would.
   */
  synchronized String reclaim(Who who, String name, String session, String address, Dialect dialect, long now) {
    String key = NameKeys.keyOf(name);
    Hold hold = held.get(key);
    if (hold != null && hold.session().equals(session) && !byKey.containsKey(key)) {
      held.remove(key);
      heldShapes.values().remove(key);
      put(who, new Entry(name, address, dialect, now));
      return name;
    }
    return claim(who, name, address, dialect, now);
  }

  /**
   * Gives a registered connection a new name, under the same rules as a first one.
   *
   * @return the new name, or empty when the connection is not registered
   */
  synchronized Optional<String> rename(Who who, String requested, long now) {
    Entry entry = entries.get(who);
    if (entry == null) {
      return Optional.empty();
    }
    String oldKey = NameKeys.keyOf(entry.name());
    // A change of case or form only is the same name, as its owner writes it, unless the new
    // form looks like someone else's name (ciara to cIara, next to clara).
    String name =
        NameRules.isGuestName(requested) && isTaken(requested, now, oldKey, null)
            ? freeGuestName(now)
            : freeVariantOf(requested, now, oldKey, accounts.of(who));
    byKey.remove(oldKey, who);
    byShape.remove(NameKeys.shapeOf(entry.name()), who);
    put(who, new Entry(name, entry.address(), entry.dialect(), entry.since()));
    return Optional.of(name);
  }

  private void put(Who who, Entry entry) {
    byKey.put(NameKeys.keyOf(entry.name()), who);
    byShape.put(NameKeys.shapeOf(entry.name()), who);
    entries.put(who, entry);
    snapshotStale = true;
  }

  /** The connection's name and address, or {@code null} when it is not registered. */
  synchronized Entry entryOf(Who who) {
    return entries.get(who);
  }

  synchronized String nameOf(Who who) {
    Entry entry = entries.get(who);
    return entry == null ? null : entry.name();
  }

  /** Who is online under this name, or under one that counts as the same. */
  synchronized Optional<Who> whoIs(String name) {
    return Optional.ofNullable(byKey.get(NameKeys.keyOf(name)));
  }

  /**
   * Removes the connection.
   *
   * @return what it was registered as, or {@code null} when it was not
   */
  synchronized Entry release(Who who) {
    accounts.loggedOut(who);
    Entry entry = entries.remove(who);
    if (entry == null) {
      return null;
    }
    byKey.remove(NameKeys.keyOf(entry.name()), who);
    byShape.remove(NameKeys.shapeOf(entry.name()), who);
    snapshotStale = true;
    return entry;
  }

  /** Holds a name, which its owner just left, for its session until then. */
  synchronized void hold(String name, String session, long until) {
    String key = NameKeys.keyOf(name);
    held.put(key, new Hold(session, until));
    heldShapes.put(NameKeys.shapeOf(name), key);
  }

  /** Lets go of the name held for this session, if it still is. */
  synchronized void unhold(String name, String session) {
    String key = NameKeys.keyOf(name);
    Hold hold = held.get(key);
    if (hold != null && hold.session().equals(session)) {
      held.remove(key);
      heldShapes.values().remove(key);
    }
  }

  /** Lets go of the holds that ran out. */
  synchronized void expireHolds(long now) {
    if (held.values().removeIf(hold -> hold.until() < now)) {
      heldShapes.values().removeIf(key -> !held.containsKey(key));
    }
  }

  /** How many are registered, without the snapshot of them that {@link #members} makes. */
  synchronized int count() {
    return byKey.size();
  }

  synchronized List<Who> members() {
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
    List<Who> members = new ArrayList<>(byKey.values());
    List<String> names = new ArrayList<>(members.size());
    for (Who member : members) {
      names.add(entries.get(member).name());
    }
    membersSnapshot = List.copyOf(members);
    namesSnapshot = List.copyOf(names);
    snapshotStale = false;
  }

  /** The names registered as accounts, and who is logged in to which. */
  AccountNames accounts() {
    return accounts;
  }

  /**
   * Taken by someone on line, held for someone who dropped, or an account's other than {@code
   * account} (the one the asker is logged in to, or {@code null}); the key given is free for its
   * own.
   */
  private boolean isTaken(String name, long now, String ownKey, String account) {
    String key = NameKeys.keyOf(name);
    if (accounts.reservedAgainst(name, account)) {
      return true;
    }
    if (!key.equals(ownKey) && (byKey.containsKey(key) || isHeld(key, now))) {
      return true;
    }
    // A look-alike that only case makes, of a name on line or held, other than one's own.
    String shape = NameKeys.shapeOf(name);
    Who lookAlike = byShape.get(shape);
    if (lookAlike != null && !NameKeys.keyOf(entries.get(lookAlike).name()).equals(ownKey)) {
      return true;
    }
    String heldKey = heldShapes.get(shape);
    if (heldKey != null && !heldKey.equals(ownKey) && isHeld(heldKey, now)) {
      return true;
    }
    // Across the two: ALICE's key is aIice's shape, though neither its key nor its shape is the
    // other's; each is alice, so they are one name.
    Who crossed = byShape.get(key);
    if (crossed == null) {
      crossed = byKey.get(shape);
    }
    if (crossed != null && !NameKeys.keyOf(entries.get(crossed).name()).equals(ownKey)) {
      return true;
    }
    String heldByShape = heldShapes.get(key);
    return (heldByShape != null && !heldByShape.equals(ownKey) && isHeld(heldByShape, now))
        || (!shape.equals(ownKey) && isHeld(shape, now));
  }

  private boolean isHeld(String key, long now) {
    Hold hold = held.get(key);
    return hold != null && hold.until() >= now;
  }

  /**
   * The name, or a free {@code name-N}, cut short where needed to stay a valid length: the first
   * free of {@code -2} to {@code -9}, as people expect, then numbers picked at random from ranges
   * that grow. So a claim costs a few lookups however many others asked for the same name; trying
   * every number in turn would let thousands of clients all asking for "x" stall the room.
   */
  private String freeVariantOf(String requested, long now, String ownKey, String account) {
    if (!isTaken(requested, now, ownKey, account)) {
      return requested;
    }
    for (int suffix = 2; suffix <= LAST_IN_TURN; suffix++) {
      String name = withSuffix(requested, suffix);
      if (!isTaken(name, now, ownKey, account)) {
        return name;
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int bound = 100; ; bound = (int) Math.min(Integer.MAX_VALUE, bound * 10L)) {
      for (int attempt = 0; attempt < 8; attempt++) {
        String name = withSuffix(requested, random.nextInt(LAST_IN_TURN + 1, bound));
        if (!isTaken(name, now, ownKey, account)) {
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

  private String freeGuestName(long now) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int bound = 10_000; ; bound *= 10) {
      for (int attempt = 0; attempt < 8; attempt++) {
        String name = NameRules.GUEST_PREFIX + random.nextInt(bound / 10, bound);
        if (!isTaken(name, now, null, null)) {
          return name;
        }
      }
    }
  }
}
