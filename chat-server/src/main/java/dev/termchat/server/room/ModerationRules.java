package dev.termchat.server.room;

import static dev.termchat.server.room.RoomReplies.quoted;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.Wire;
import dev.termchat.server.room.Bans.Ban;
import dev.termchat.server.room.ModerationNotices.Notice;
import dev.termchat.server.room.RoomEvent.Exit;
import dev.termchat.server.room.RoomEvent.Leave;
import dev.termchat.server.room.RoomEvent.Moderate;
import dev.termchat.server.room.Roles.Rank;
import dev.termchat.server.room.UserRegistry.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a moderation request does: judged by the asker's rank in the room as the log has it, so
 * every node applying the log judges alike; each act done is told to the room ({@link
 * ModerationNotices}) and logged. Room thread only, one log entry at a time.
 */
final class ModerationRules {
  private final RoomModeration moderation;
  private final UserRegistry registry;
  private final RoomDirectory rooms;
  private final Delivery delivery;
  private final RoomCursor cursor;
  private final RoomReplies replies;
  private final MembershipRules membership;
  private final RoomEntryRules entries;
  private final ModerationNotices notices;
  private final MessageDeletions deletions;
  private final ModerationQuestions questions;

  ModerationRules(RoomParts parts, MembershipRules membership, RoomEntryRules entries, MessageDeletions deletions) {
    this.deletions = deletions;
    this.moderation = parts.moderation();
    this.registry = parts.registry();
    this.rooms = parts.rooms();
    this.delivery = parts.delivery();
    this.cursor = parts.cursor();
    this.replies = parts.replies();
    this.membership = membership;
    this.entries = entries;
    this.notices = new ModerationNotices(parts);
    this.questions = new ModerationQuestions(parts);
  }

  void apply(Moderate request) {
    Who who = request.who();
    Entry asker = registry.entryOf(who);
    Optional<ModerationAct> act = ModerationAct.of(request.act());
    if (asker == null || act.isEmpty()) {
      replies.refuse(who, ErrorCode.NOT_REGISTERED, "register before moderating");
      return;
    }
    if (act.get().question()) {
      questions.answer(act.get(), request, asker);
      return;
    }
    Optional<Room> found = rooms.find(request.room());
    Rank rank = found.map(room -> moderation.roles().rank(room, who, asker.name()))
        .orElse(moderation.roles().serverOperator(asker.name()) ? Rank.SERVER_OPERATOR : Rank.MEMBER);
    boolean serverWide = request.server() && (act.get() == ModerationAct.BAN || act.get() == ModerationAct.UNBAN);
    // Anyone may delete a message of their own: judged with the message, in delete().
    if (act.get() != ModerationAct.DELETE && (serverWide ? rank != Rank.SERVER_OPERATOR : !rank.atLeast(Rank.OPERATOR))) {
      String needed = serverWide ? "a server operator" : "an operator of " + quoted(request.room());
      replies.refuse(who, ErrorCode.NOT_PERMITTED, "only " + needed + " may " + act.get().wireName());
      return;
    }
    if (found.isEmpty() && !serverWide) {
      replies.refuse(who, ErrorCode.NOT_IN_ROOM, "there is no room " + quoted(request.room()));
      return;
    }
    Room room = found.orElse(rooms.general());
    Act done = new Act(act.get(), room, who, asker.name(), rank, request);
    switch (act.get()) {
      case OP -> grant(done, Rank.OPERATOR);
      case VOICE -> grant(done, Rank.VOICE);
      case DEOP, DEVOICE -> grant(done, Rank.MEMBER);
      case KICK -> kick(done);
      case BAN -> ban(done, serverWide);
      case UNBAN -> unban(done, serverWide);
      case MUTE, UNMUTE -> mute(done, act.get() == ModerationAct.MUTE);
      case DELETE -> delete(done);
      case BANLIST, WHOIS -> throw new IllegalStateException("a question is answered, above");
    }
  }

  /** An act being judged: what was asked, in which room, by whom, at what rank. */
  private record Act(ModerationAct act, Room room, Who by, String byName, Rank rank, Moderate request) {}

  private void grant(Act done, Rank to) {
    Optional<Who> target = inRoom(done);
    if (target.isEmpty()) {
      return;
    }
    String name = registry.nameOf(target.get());
    Rank now = moderation.roles().rank(done.room(), target.get(), name);
    if (!outranks(done, now)) {
      return;
    }
    moderation.roles().set(done.room(), target.get(), name, to);
    tell(done, name, 0);
  }

  /** Tells the room of the act done, on this target, until then. */
  private void tell(Act done, String target, long until) {
    boolean serverWide = done.request().server() && (done.act() == ModerationAct.BAN || done.act() == ModerationAct.UNBAN);
    notices.tell(done.room(), done.by(), Notice.of(done.act(), done.byName(), target, done.request().reason(), until, serverWide));
  }

  private void kick(Act done) {
    Optional<Who> target = inRoom(done);
    if (target.isEmpty()) {
      return;
    }
    if (target.get().equals(done.by())) {
      replies.refuse(done.by(), ErrorCode.NOT_PERMITTED, "you may not kick yourself; /part leaves the room");
      return;
    }
    String name = registry.nameOf(target.get());
    if (!outranks(done, moderation.roles().rank(done.room(), target.get(), name))) {
      return;
    }
    tell(done, name, 0);
    remove(done.room(), target.get(), Wire.CLOSE_KICKED, "kicked by " + Printable.escape(done.byName()) + Bans.reasonSuffix(done.request().reason()), false);
  }

  private void ban(Act done, boolean serverWide) {
    Optional<BanTarget> target = BanTarget.parse(done.request().target());
    if (target.isEmpty()) {
      replies.refuse(done.by(), ErrorCode.INVALID_FRAME, quoted(done.request().target()) + " is no name, address or range such as 203.0.113.0/24");
      return;
    }
    long now = cursor.time();
    long until = done.request().seconds() == 0 ? 0 : now + done.request().seconds() * 1000;
    String scope = serverWide ? Bans.SERVER : Roles.roomKey(done.room());
    Optional<String> full = moderation.banRefusal(scope, done.room(), target.get());
    if (full.isPresent()) {
      replies.refuse(done.by(), ErrorCode.NOT_PERMITTED, full.get());
      return;
    }
    // A name's rank is judged whether or not anyone is online under it: an offline owner too.
    Rank held = target.get().isName() ? moderation.roles().heldUnder(done.room(), target.get()) : Rank.MEMBER;
    if (held == Rank.SERVER_OPERATOR) {
      replies.refuse(done.by(), ErrorCode.NOT_PERMITTED, "no one may ban a server operator");
      return;
    }
    if (!outranks(done, held)) {
      return;
    }
    List<Who> caught = caught(serverWide ? null : done.room(), target.get());
    caught.remove(done.by()); // An operator's range may hold its own address: it stays.
    if (!target.get().isName()) {
      // An address or a range is where people are, not whom the banner named: those who run the
      // room (its owner, operators, the server's operators) stay, as a well-run network's
      // channel services keep a channel's founder and operators from its own bans.
      caught.removeIf(who -> spared(done, who, serverWide));
    }
    for (Who who : caught) {
      Entry entry = registry.entryOf(who);
      if (!outranks(done, moderation.roles().rank(done.room(), who, entry.name()))) {
        return; // No one bans whom they may not kick: nothing is done.
      }
    }
    moderation.ban(new Ban(scope, target.get(), done.byName(), done.request().reason(), until), cursor.replaying());
    tell(done, target.get().text(), until);
    String why = "banned by " + Printable.escape(done.byName()) + Bans.reasonSuffix(done.request().reason());
    for (Who who : caught) {
      if (!target.get().isName()) {
        // Whom an address or a range took out, each told to the room (its banner too) as a kick.
        notices.tell(done.room(), done.by(), Notice.of(ModerationAct.KICK, done.byName(), registry.nameOf(who),
            "within the ban on " + target.get().text() + Bans.reasonSuffix(done.request().reason()), 0, false));
      }
      remove(done.room(), who, Wire.CLOSE_BANNED, why, serverWide);
    }
  }

  /** Whether an address's or a range's ban leaves this one in: a server operator, or one who runs the room. */
  private boolean spared(Act done, Who who, boolean serverWide) {
    Rank rank = moderation.roles().rank(done.room(), who, registry.nameOf(who));
    return serverWide ? rank == Rank.SERVER_OPERATOR : rank.atLeast(Rank.OPERATOR);
  }

  private void unban(Act done, boolean serverWide) {
    Optional<BanTarget> target = BanTarget.parse(done.request().target());
    String scope = serverWide ? Bans.SERVER : Roles.roomKey(done.room());
    if (target.isEmpty() || !moderation.unban(scope, target.get(), cursor.replaying())) {
      replies.refuse(done.by(), ErrorCode.UNKNOWN_USER, "there is no ban on " + quoted(done.request().target())
          + (serverWide ? " of the server" : " in " + quoted(done.room().name())));
      return;
    }
    tell(done, target.get().text(), 0);
  }

  /**
   * Deletes a message the room keeps in memory: its sender's (a message is its sender's by the
   * name it was said under), or any by an operator, the store's copy too. An id of no message
   * kept is refused to the asker alone, and nothing is deleted or told: judged from the room's
   * memory, which the log makes the same on every node.
   */
  private void delete(Act done) {
    String asked = done.request().target();
    Optional<ChatMessage> kept = named(done.room(), asked);
    if (kept.isEmpty()) {
      replies.refuse(done.by(), ErrorCode.UNKNOWN_MESSAGE, (asked == null ? "no message id given" : "no message " + quoted(asked))
          + " is kept in " + quoted(done.room().name()) + " (only its latest messages can be deleted); nothing deleted");
      return;
    }
    String id = kept.get().id();
    boolean own = NameKeys.keyOf(kept.get().from()).equals(NameKeys.keyOf(done.byName()));
    if (!own && !done.rank().atLeast(Rank.OPERATOR)) {
      replies.refuse(done.by(), ErrorCode.NOT_PERMITTED,
          "only its sender or an operator of " + quoted(done.room().name()) + " may delete that message");
      return;
    }
    done.room().history().remove(id);
    // Replayed too: the store takes the message out after the delete's own entry is kept, so a
    // kill between the two leaves it there for the next start to take out (none if gone already).
    deletions.deleted(Roles.roomKey(done.room()), id);
    notices.tell(done.room(), done.by(),
        new Notice(done.act(), done.byName(), id, done.request().reason(), 0, false, kept.get().from(), kept.get().time()));
  }

  /**
   * The message a delete names: by its id, or with {@code @NAME} the latest that NAME said of
   * those the room keeps, so that an operator can take a line out without seeing ids. Replayed,
   * {@code @NAME} names nothing: the message it named left the log with it (the store's entry,
   * the stream's), so NAME's latest then would be another.
   */
  private Optional<ChatMessage> named(Room room, String target) {
    if (target == null || !target.startsWith("@")) {
      return target == null ? Optional.empty() : room.history().find(target);
    }
    if (cursor.replaying()) {
      return Optional.empty();
    }
    String key = NameKeys.keyOf(target.substring(1));
    List<MessageHistory.Kept> kept = room.history().latest(Integer.MAX_VALUE);
    for (int i = kept.size() - 1; i >= 0; i--) {
      ChatMessage message = kept.get(i).message();
      if (message.id() != null && NameKeys.keyOf(message.from()).equals(key)) {
        return Optional.of(message);
      }
    }
    return Optional.empty();
  }

  private void mute(Act done, boolean on) {
    if (moderation.mute(done.room(), on)) {
      tell(done, null, 0);
    }
  }

  /** Whether the act's asker outranks its target: a server operator outranks everyone. */
  private boolean outranks(Act done, Rank target) {
    if (done.rank() == Rank.SERVER_OPERATOR || done.rank().compareTo(target) > 0) {
      return true;
    }
    replies.refuse(done.by(), ErrorCode.NOT_PERMITTED, "you may not " + done.act().wireName() + " someone of a rank as high as yours");
    return false;
  }

  /** The act's target, online and in its room; the asker told when not. */
  private Optional<Who> inRoom(Act done) {
    Optional<Who> target = registry.whoIs(done.request().target()).filter(who -> done.room().contains(who));
    if (target.isEmpty()) {
      replies.refuse(done.by(), ErrorCode.UNKNOWN_USER, "no one named " + quoted(done.request().target()) + " is in " + quoted(done.room().name()));
    }
    return target;
  }

  /** Those online a ban is on: in the room, or anywhere for a ban of the whole server. */
  private List<Who> caught(Room room, BanTarget target) {
    List<Who> caught = new ArrayList<>();
    for (Who who : room == null ? registry.members() : room.members()) {
      Entry entry = registry.entryOf(who);
      // A name's forms cost a few look-ups of ICU's: made only for a ban of a name.
      if (entry != null && target.matches(target.isName() ? moderation.banForms(who, entry.name()).get() : null, AddressRange.hostOf(entry.address()))) {
        caught.add(who);
      }
    }
    return caught;
  }

  /**
   * Takes someone out of a room: a rooms client leaves it (as by a part) unless the whole server
   * is closed to it; any other client, in the default room alone, is let go and closed.
   */
  private void remove(Room room, Who who, int closeCode, String why, boolean serverWide) {
    Entry entry = registry.entryOf(who);
    if (entry.dialect() == Dialect.ROOMS && !serverWide) {
      moderation.left(room, who);
      entries.exit(new Exit(who, room.name()));
      return;
    }
    Member member = delivery.member(who);
    if (member != null) {
      member.removed(closeCode, why);
    }
    membership.leave(new Leave(who, why, true));
  }
}
