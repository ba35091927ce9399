package dev.termchat.server.room;

import dev.termchat.server.room.Bans.Ban;
import dev.termchat.server.room.Roles.Rank;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What moderation holds and what the other rules ask of it: roles, bans, which rooms are muted
 * (moderated: only the voiced and operators speak, and only operators set the topic). Changed by
 * {@link ModerationRules} alone, from the log. Room thread only.
 */
final class RoomModeration {
  private final Roles roles;
  private final Bans bans = new Bans();
  private final BanBook book;
  /** The keys of the muted rooms. Room thread only. */
  private final Set<String> muted = new HashSet<>();

  /** Loads the bans kept in the book. */
  RoomModeration(Roles roles, BanBook book) {
    this.roles = roles;
    this.book = book;
    for (BanBook.Row row : book.load()) {
      BanTarget.parse(row.target())
          .ifPresent(target -> bans.add(new Ban(row.scope(), target, row.by(), row.reason(), row.until())));
    }
  }

  /** Bans and keeps; not while replaying, whose acts the book holds already. */
  void ban(Ban ban, boolean replaying) {
    bans.add(ban);
    if (!replaying) {
      book.put(new BanBook.Row(ban.scope(), ban.target().text(), ban.by(), ban.reason(), ban.until()));
    }
  }

  /**
   * Why one more ban is refused, if it is: a room no account owns (made by a guest) keeps fewer,
   * and never takes the part of the budget kept for accounts' rooms ({@link Bans}).
   */
  Optional<String> banRefusal(String scope, Room room, BanTarget target) {
    boolean accountsRoom = room.isDefault() || roles.ownedByAccount(room);
    return bans.refusal(scope, target, accountsRoom);
  }

  /** The bans of the scope ({@link Bans#SERVER}, or a room's key), in the order they were made. */
  java.util.List<Ban> bansOf(String scope) {
    return bans.of(scope);
  }

  /** Lifts a ban and lets go of it in the book; whether there was one. */
  boolean unban(String scope, BanTarget target, boolean replaying) {
    boolean removed = bans.remove(scope, target);
    if (removed && !replaying) {
      book.remove(scope, target.text());
    }
    return removed;
  }

  Roles roles() {
    return roles;
  }

  /** The ban of the whole server that keeps this name (may be {@code null}, a guest's) and address out. */
  Optional<Ban> serverBan(String name, String address, long now) {
    return bans.find(Bans.SERVER, BanNames.lazily(name), AddressRange.hostOf(address), now);
  }

  /**
   * The forms a ban of a name is compared with for this connection ({@link BanNames}), made when
   * first asked for: its name's, and those of the account it is logged in to, whatever name it
   * took, so that a ban of an account's name holds its owner under any other.
   */
  Supplier<Set<String>> banForms(Who who, String name) {
    String account = who == null ? null : roles.accountOf(who);
    Supplier<Set<String>> own = BanNames.lazily(name);
    if (account == null) {
      return own;
    }
    Supplier<Set<String>> accounts = BanNames.lazily(account);
    return new Supplier<>() {
      /** Confined to the thread that asks, the room's. */
      private Set<String> forms;

      @Override
      public Set<String> get() {
        if (forms == null) {
          forms = new HashSet<>(accounts.get());
          if (own.get() != null) {
            forms.addAll(own.get());
          }
        }
        return forms;
      }
    };
  }

  /**
   * The ban that keeps a register out: of the server, or for a client that is no rooms client,
   * in the default room alone, of the default room, which never keeps out a server operator.
   */
  Optional<Ban> registerBan(DefaultRoom general, Who who, String name, String address, boolean roomsClient, long now) {
    Supplier<Set<String>> forms = banForms(who, name);
    String host = AddressRange.hostOf(address);
    boolean roomBanApplies = !roomsClient && !roles.serverOperatorLoggedIn(who, name);
    return bans.find(Bans.SERVER, forms, host, now)
        .or(() -> roomBanApplies ? bans.find(Roles.roomKey(general), forms, host, now) : Optional.empty());
  }

  /**
   * The ban of the room (by its key, {@link Roles#roomKey}) that keeps this name and address out:
   * asked whether or not the room is in memory, since a room forgotten while empty keeps its bans;
   * none for a server operator.
   */
  Optional<Ban> roomBan(String roomKey, Who who, String name, String address, long now) {
    if (roles.serverOperator(name)) {
      return Optional.empty(); // A room's ban never keeps out a server operator, who may lift it.
    }
    return bans.find(roomKey, banForms(who, name), AddressRange.hostOf(address), now);
  }

  /**
   * Whether the room is muted. Asked of every line said, so a server with no muted room answers
   * without the room's key, whose look-alike folding (ICU) is the costliest part of a line's way.
   */
  boolean muted(Room room) {
    return !muted.isEmpty() && muted.contains(Roles.roomKey(room));
  }

  /** Mutes or unmutes the room; whether that changed it. */
  boolean mute(Room room, boolean on) {
    return on ? muted.add(Roles.roomKey(room)) : muted.remove(Roles.roomKey(room));
  }

  /** Whether the member may say something in the room: anyone, unless it is muted. */
  boolean maySpeak(Room room, Who who, String name) {
    return !muted(room) || roles.rank(room, who, name).atLeast(Rank.VOICE);
  }

  /** Whether the member may set the room's topic: anyone, unless it is muted. */
  boolean maySetTopic(Room room, Who who, String name) {
    return !muted(room) || roles.rank(room, who, name).atLeast(Rank.OPERATOR);
  }

  /**
   * A connection entered the room with no one in it: its owner when that made the room ({@link
   * Roles#claim}); a member when the room was made before and forgotten while empty.
   */
  void made(Room room, Who who, String name) {
    if (!roles.claim(room)) {
      return;
    }
    muted.remove(Roles.roomKey(room)); // A room made anew is not the one muted before it was forgotten.
    roles.set(room, who, name, Rank.OWNER);
  }

  void left(Room room, Who who) {
    roles.left(room, who);
  }

  void gone(Who who) {
    roles.gone(who);
  }

  void expire(long now) {
    for (Ban ended : bans.expire(now)) {
      book.remove(ended.scope(), ended.target().text());
    }
  }
}
