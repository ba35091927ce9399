package dev.termchat.server.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bans in force, of rooms and of the whole server, each until its end on the log's time,
 * so that every node applying one log lets in and keeps out alike. Room thread only.
 */
final class Bans {
  /** The most bans the server keeps, its rooms' and its own together. */
  static final int MAX_BANS = 10_000;
  /** The most bans one room keeps. */
  static final int MAX_PER_ROOM = 500;

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
  }

  /** In the order they were made. Room thread only. */
  private final List<Ban> bans = new ArrayList<>();

  /** Adds a ban, in place of one on the same target in the same scope. */
  void add(Ban ban) {
    remove(ban.scope(), ban.target());
    bans.add(ban);
  }

  /**
   * Why one more ban in the scope is refused, if it is: past the bounds (a ban in place of one on
   * the same target is never refused).
   */
  Optional<String> refusal(String scope, BanTarget target) {
    if (bans.stream().anyMatch(ban -> ban.scope().equals(scope) && ban.target().equals(target))) {
      return Optional.empty();
    }
    if (bans.size() >= MAX_BANS) {
      return Optional.of("the server keeps " + MAX_BANS + " bans, the most it may; lift one first");
    }
    if (!scope.equals(SERVER) && bans.stream().filter(ban -> ban.scope().equals(scope)).count() >= MAX_PER_ROOM) {
      return Optional.of("the room has " + MAX_PER_ROOM + " bans, the most it may; lift one first");
    }
    return Optional.empty();
  }

  /** Lifts the ban on the target in the scope; whether there was one. */
  boolean remove(String scope, BanTarget target) {
    return bans.removeIf(ban -> ban.scope().equals(scope) && ban.target().equals(target));
  }

  /** The ban in force in the scope that keeps this name key and host out, if any. */
  Optional<Ban> find(String scope, String nameKey, String host, long now) {
    return bans.stream()
        .filter(ban -> ban.scope().equals(scope) && ban.inForce(now) && ban.target().matches(nameKey, host))
        .findFirst();
  }

  /** Forgets the bans that ended by now; those it forgot. */
  List<Ban> expire(long now) {
    List<Ban> ended = bans.stream().filter(ban -> !ban.inForce(now)).toList();
    bans.removeAll(ended);
    return ended;
  }
}
