package dev.termchat.server.room;

import dev.termchat.protocol.NameKeys;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what in each room: its owner (who made it), its operators, its voiced members, and
 * above them all the server's operators, named in its configuration. A role held under a name
 * that is an account's ({@link AccountNames}) is kept by the name's key; any other lasts only
 * while that connection is in the room. Decided from the log alone, so every node agrees. Room
 * thread only.
 */
final class Roles {
  /** Ranks, lowest first: each may do what those below it may. */
  enum Rank {
    MEMBER,
    VOICE,
    OPERATOR,
    OWNER,
    SERVER_OPERATOR;

    boolean atLeast(Rank other) {
      return compareTo(other) >= 0;
    }
  }

  /**
   * The most rooms whose making is remembered ({@link #claim}); past it the one made longest ago
   * is forgotten, so that making rooms cannot grow the server's memory without end.
   */
  static final int MAX_MADE_ROOMS = 100_000;

  private final Set<String> serverOperators;
  /** The server operators' names as configured, whose forms a ban of a name is compared with. */
  private final List<String> serverOperatorNames;
  private final AccountNames accounts;
  /** Roles of connections under names no account's, by room key. Room thread only. */
  private final Map<String, Map<Who, Rank>> byConnection = new HashMap<>();
  /** Roles of accounts, by room key, then by name key. Room thread only. */
  private final Map<String, Map<String, Rank>> byAccount = new HashMap<>();

  /**
   * The keys of the rooms made since the log began, the one made longest ago first: a room
   * forgotten while empty (as a store or a cluster forgets it, its lines kept) and entered again
   * is not made again, so whoever enters it then is no owner. Room thread only.
   */
  private final Set<String> made = new LinkedHashSet<>();

  Roles(List<String> serverOperators, AccountNames accounts) {
    this.serverOperators = serverOperators.stream().map(NameKeys::keyOf).collect(Collectors.toUnmodifiableSet());
    this.serverOperatorNames = List.copyOf(serverOperators);
    this.accounts = accounts;
  }

  boolean serverOperator(String name) {
    return serverOperators.contains(NameKeys.keyOf(name));
  }

  /**
   * Whether the connection, registering under this name ({@code null}: none asked), is a server operator beyond doubt: the
   * name is a server operator's and an account's, and the connection logged in to it. (A name no
   * account's may yet end as a variant, {@code root-2}, which is no server operator.)
   */
  boolean serverOperatorLoggedIn(Who who, String name) {
    if (name == null) {
      return false; // A guest asking for no name, or a plain client: it gets one no one holds.
    }
    String key = NameKeys.keyOf(name);
    return serverOperators.contains(key) && accounts.isAccount(key) && key.equals(accounts.of(who));
  }

  /** Whether an account owns the room. */
  boolean ownedByAccount(Room room) {
    return byAccount.getOrDefault(roomKey(room), Map.of()).containsValue(Rank.OWNER);
  }

  /** The key of the account the connection is logged in to, whatever its name; {@code null} for none. */
  String accountOf(Who who) {
    return accounts.of(who);
  }

  /** What the connection, under this name, may do in the room. */
  Rank rank(Room room, Who who, String name) {
    if (serverOperator(name)) {
      return Rank.SERVER_OPERATOR;
    }
    String key = NameKeys.keyOf(name);
    if (accounts.isAccount(key)) {
      return byAccount.getOrDefault(roomKey(room), Map.of()).getOrDefault(key, Rank.MEMBER);
    }
    if (!room.contains(who)) {
      return Rank.MEMBER;
    }
    return byConnection.getOrDefault(roomKey(room), Map.of()).getOrDefault(who, Rank.MEMBER);
  }

  /**
   * What a name may do in a room not in memory (forgotten while empty): a server operator's rank,
   * or an account's; a guest's lasted only while it was in the room.
   */
  Rank rankAway(String roomKey, String name) {
    if (serverOperator(name)) {
      return Rank.SERVER_OPERATOR;
    }
    return byAccount.getOrDefault(roomKey, Map.of()).getOrDefault(NameKeys.keyOf(name), Rank.MEMBER);
  }

  /**
   * Those in the room with a rank above member, each with it: the accounts' by name key, the
   * connections' by who they are, the server's operators by name key (in the room or not). Read
   * from the roles, not the members: a room of thousands has a handful of ranks.
   */
  Ranked ranked(Room room) {
    return new Ranked(byAccount.getOrDefault(roomKey(room), Map.of()), byConnection.getOrDefault(roomKey(room), Map.of()), serverOperators);
  }

  /**
   * The highest rank in the room kept under a name this ban of a name would keep out, whether
   * anyone is online under it or not: a server operator's, or an account's (compared by its
   * key's forms, {@link BanNames}). A guest's rank lasts only while it is in the room, where the ban judges it.
   */
  Rank heldUnder(Room room, BanTarget target) {
    for (String name : serverOperatorNames) {
      if (target.matches(BanNames.formsOf(name), null)) {
        return Rank.SERVER_OPERATOR;
      }
    }
    Rank highest = Rank.MEMBER;
    for (Map.Entry<String, Rank> account : byAccount.getOrDefault(roomKey(room), Map.of()).entrySet()) {
      if (account.getValue().compareTo(highest) > 0 && target.matches(BanNames.formsOf(account.getKey()), null)) {
        highest = account.getValue();
      }
    }
    return highest;
  }

  /** See {@link #ranked}; read on the room thread, at once. */
  record Ranked(Map<String, Rank> accounts, Map<Who, Rank> connections, Set<String> serverOperators) {}

  /** Gives the connection, under this name, a rank in the room; {@link Rank#MEMBER} takes its role away. */
  void set(Room room, Who who, String name, Rank rank) {
    String key = NameKeys.keyOf(name);
    if (accounts.isAccount(key)) {
      put(byAccount.computeIfAbsent(roomKey(room), k -> new HashMap<>()), key, rank);
    } else {
      put(byConnection.computeIfAbsent(roomKey(room), k -> new HashMap<>()), who, rank);
    }
  }

  /**
   * The room is entered with no one in it: whether this makes it, so that its enterer is its
   * owner. Not when it was made before, nor when an account owns it (its owner is who made it).
   */
  boolean claim(Room room) {
    String key = roomKey(room);
    if (ownedByAccount(room) || !made.add(key)) {
      return false;
    }
    if (made.size() > MAX_MADE_ROOMS) {
      Iterator<String> oldest = made.iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /** A connection left the room: a role not an account's goes with it. */
  void left(Room room, Who who) {
    Map<Who, Rank> roles = byConnection.get(roomKey(room));
    if (roles != null) {
      roles.remove(who);
      if (roles.isEmpty()) {
        byConnection.remove(roomKey(room));
      }
    }
  }

  /** A connection is gone: every role it held as a connection goes with it. */
  void gone(Who who) {
    byConnection.values().forEach(roles -> roles.remove(who));
    byConnection.values().removeIf(Map::isEmpty);
  }

  private static <K> void put(Map<K, Rank> roles, K key, Rank rank) {
    if (rank == Rank.MEMBER) {
      roles.remove(key);
    } else {
      roles.put(key, rank);
    }
  }

  static String roomKey(Room room) {
    return NameKeys.keyOf(room.name());
  }
}
