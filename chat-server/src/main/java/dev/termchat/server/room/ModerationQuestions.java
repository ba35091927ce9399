package dev.termchat.server.room;

import static dev.termchat.server.room.RoomReplies.quoted;

import dev.termchat.protocol.BanList;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.Whois;
import dev.termchat.server.room.Roles.Rank;
import dev.termchat.server.room.UserRegistry.Entry;
import java.util.Locale;
import java.util.Optional;

/**
 * Moderation's questions, answered to the asker alone, on its node, from what the log made of
 * the room there (as every node holds the same): a room's bans, to its operators, or the
 * server's, to a server operator; and who holds a name, to anyone. Room thread only.
 */
final class ModerationQuestions {
  private final RoomModeration moderation;
  private final UserRegistry registry;
  private final RoomDirectory rooms;
  private final Delivery delivery;
  private final RoomReplies replies;
  private final RoomCursor cursor;

  ModerationQuestions(RoomParts parts) {
    this.moderation = parts.moderation();
    this.registry = parts.registry();
    this.rooms = parts.rooms();
    this.delivery = parts.delivery();
    this.replies = parts.replies();
    this.cursor = parts.cursor();
  }

  void answer(ModerationAct act, RoomEvent.Moderate request, Entry asker) {
    Who who = request.who();
    Optional<Room> found = rooms.find(request.room());
    if (found.isEmpty()) {
      replies.refuse(who, ErrorCode.NOT_IN_ROOM, "there is no room " + quoted(request.room()));
      return;
    }
    Room room = found.get();
    if (act == ModerationAct.WHOIS) {
      whois(who, room, request.target());
      return;
    }
    Rank rank = moderation.roles().rank(room, who, asker.name());
    boolean server = request.server();
    if (server ? rank != Rank.SERVER_OPERATOR : !rank.atLeast(Rank.OPERATOR)) {
      replies.refuse(who, ErrorCode.NOT_PERMITTED, "only " + (server ? "a server operator" : "an operator of " + quoted(room.name()))
          + " may see " + (server ? "the server's" : "its") + " bans");
      return;
    }
    long now = cursor.time();
    String scope = server ? Bans.SERVER : Roles.roomKey(room);
    delivery.sendTo(who, new BanList(room.name(), server, moderation.bansOf(scope).stream()
        .filter(ban -> ban.inForce(now))
        .map(ban -> new BanList.Entry(ban.target().text(), ban.by(), ban.reason(), ban.until()))
        .toList()), room.name());
  }

  /** Who holds the name: online, or an account's with no one logged in to it; refused when neither. */
  private void whois(Who who, Room room, String name) {
    Optional<Who> holder = registry.whoIs(name);
    Entry entry = holder.map(registry::entryOf).orElse(null);
    // A connection logged in to an account is no guest, under the account's name or not (its
    // name held by another of its connections).
    boolean account = registry.accounts().isAccount(NameKeys.keyOf(entry == null ? name : entry.name()))
        || holder.map(registry.accounts()::of).isPresent();
    if (entry == null && !account) {
      replies.refuse(who, ErrorCode.UNKNOWN_USER, "no one named " + quoted(name) + " is online, and no account has that name");
      return;
    }
    String shown = entry == null ? name : entry.name();
    // An account's role is kept by its name; a guest's lasts while that connection is in the room.
    Rank rank = moderation.roles().rank(room, holder.orElse(who), shown);
    String wireRank = rank.name().toLowerCase(Locale.ROOT).replace('_', '-');
    delivery.sendTo(who, new Whois(shown, room.name(), account, wireRank, entry == null ? 0 : entry.since()), room.name());
  }
}
