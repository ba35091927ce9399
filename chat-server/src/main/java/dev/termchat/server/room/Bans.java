package dev.termchat.server.room;

import dev.termchat.protocol.Moderation;
import dev.termchat.protocol.Printable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The bans in force, of rooms and of the whole server, each until its end on the log's time,
 * so that every node applying one log lets in and keeps out alike. Room thread only.
 */
final class Bans {
  /**
   * The most bans of the whole server kept. A budget of its own, apart from the rooms': whoever
   * makes a room owns it, a guest too, and rooms' bans must never leave a server operator none.
   */
  static final int MAX_SERVER_BANS = 10_000;
  /** The most bans of rooms kept, all rooms together: bounds memory and the store's table. */
  static final int MAX_ROOM_BANS = 50_000;
  /** The most bans one room keeps, so that one room's owner cannot take every room's budget. */
  static final int MAX_PER_ROOM = 500;
  /**
   * The most bans a room no account owns keeps: whoever makes a room owns it, a guest too, and
   * a hundred guests' rooms of 500 bans each would take the whole budget in seconds.
   */
  static final int MAX_PER_GUEST_ROOM = 20;
  /**
   * What of the rooms' budget rooms no account owns never take: kept for the rooms of accounts
   * (and the default room), so that guests' rooms, however many, leave real owners bans to make.
   */
  static final int KEPT_FOR_ACCOUNTS_ROOMS = 10_000;

  /** The scope of a ban of the whole server; rooms' scopes are their names' keys. */
  static final String SERVER = "*";

  /**
   * One ban.
   *
   * @param scope {@link #SERVER}, or the room's key
   * @param until when it ends, epoch milliseconds of the log's time; 0 for no end
   */
  record Ban(String scope, BanTarget target, String by, String reason, long until) {
    boolean inForce(long now) {
      return until == 0 || now < until;
    }

    /**
     * What the banned are told when it keeps them out: where from, until when, and why, {@code
     * you are banned from #dev until 2026-12-07 08:01 UTC: flooding}.
     */
    String told(String room) {
      return "you are banned from " + (scope.equals(SERVER) ? "this server" : room) + endAndReason();
    }

    /**
     * Until when, and why: {@code  until 2026-12-07 08:01 UTC: flooding}; the reason's control
     * characters shown visibly, as this goes into close frames and the log too.
     */
    String endAndReason() {
      return (until == 0 ? " until the ban is lifted" : " until " + Moderation.shownTime(until)) + reasonSuffix(reason);
    }
  }

  /**
   * By scope, then by target, each scope's in the order they were made; no scope is empty.
   * Room thread only.
   */
  private final Map<String, Map<BanTarget, Ban>> byScope = new HashMap<>();
  /** How many bans of rooms there are, all rooms together. Room thread only. */
  private int roomBans;

  /** Adds a ban, in place of one on the same target in the same scope. */
  void add(Ban ban) {
    remove(ban.scope(), ban.target());
    byScope.computeIfAbsent(ban.scope(), scope -> new LinkedHashMap<>()).put(ban.target(), ban);
    roomBans += ban.scope().equals(SERVER) ? 0 : 1;
  }

  /**
   * Why one more ban in the scope is refused, if it is: past the bounds (a ban in place of one on
   * the same target is never refused).
   *
   * @param accountsRoom whether the room is an account's (or the default room), whose bounds
   *     are the wider; {@code false} for a room no account owns
   */
  Optional<String> refusal(String scope, BanTarget target, boolean accountsRoom) {
    Map<BanTarget, Ban> scoped = byScope.getOrDefault(scope, Map.of());
    if (scoped.containsKey(target)) {
      return Optional.empty();
    }
    if (scope.equals(SERVER)) {
      return scoped.size() >= MAX_SERVER_BANS
          ? Optional.of("the server has " + MAX_SERVER_BANS + " bans of its own, the most it keeps; lift one first (/serverunban)")
          : Optional.empty();
    }
    int perRoom = accountsRoom ? MAX_PER_ROOM : MAX_PER_GUEST_ROOM;
    if (scoped.size() >= perRoom) {
      return Optional.of("the room has " + perRoom + " bans, the most " + (accountsRoom ? "a room" : "a room no account owns")
          + " keeps; lift one first (/unban)");
    }
    int all = accountsRoom ? MAX_ROOM_BANS : MAX_ROOM_BANS - KEPT_FOR_ACCOUNTS_ROOMS;
    if (roomBans >= all) {
      return Optional.of("the server keeps " + all + " bans of rooms" + (accountsRoom ? "" : " no account owns") + ", all rooms together, the most it may;"
          + " lift one first (/unban), or ask a server operator to ban from the whole server");
    }
    return Optional.empty();
  }

  /** Lifts the ban on the target in the scope; whether there was one. */
  boolean remove(String scope, BanTarget target) {
    Map<BanTarget, Ban> scoped = byScope.get(scope);
    if (scoped == null || scoped.remove(target) == null) {
      return false;
    }
    if (scoped.isEmpty()) {
      byScope.remove(scope);
    }
    roomBans -= scope.equals(SERVER) ? 0 : 1;
    return true;
  }

  /**
   * The ban in force in the scope that keeps this name (its forms, {@link BanNames#lazily}, asked
   * for only when a ban of a name is there) and host out, if any.
   */
  Optional<Ban> find(String scope, Supplier<Set<String>> nameForms, String host, long now) {
    return byScope.getOrDefault(scope, Map.of()).values().stream()
        .filter(ban -> ban.inForce(now) && ban.target().matches(ban.target().isName() ? nameForms.get() : null, host))
        .findFirst();
  }

  /** The bans of the scope, in force or not yet forgotten, in the order they were made. */
  List<Ban> of(String scope) {
    return List.copyOf(byScope.getOrDefault(scope, Map.of()).values());
  }

  /** Forgets the bans that ended by now; those it forgot. */
  List<Ban> expire(long now) {
    List<Ban> ended = byScope.values().stream()
        .flatMap(scoped -> scoped.values().stream())
        .filter(ban -> !ban.inForce(now))
        .toList();
    ended.forEach(ban -> remove(ban.scope(), ban.target()));
    return ended;
  }

  /**
   * {@code : REASON}, its control characters shown visibly ({@link Printable}): it goes into the
   * text log's line of the leave and the close frame's reason, where a raw newline would forge a
   * line and an escape sequence reach a terminal.
   */
  static String reasonSuffix(String reason) {
    return reason.isEmpty() ? "" : ": " + Printable.escape(reason);
  }
}
