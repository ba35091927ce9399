package dev.termchat.server.room;

import static dev.termchat.server.room.RoomReplies.log;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Wire;
import dev.termchat.server.room.RoomEvent.Join;
import dev.termchat.server.room.RoomEvent.Leave;
import dev.termchat.server.room.RoomEvent.Rename;
import dev.termchat.server.room.UserRegistry.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is in the room under which name: joins (new, resumed, or taking a session over from
 * another connection), leaves, renames. Room thread only, one log entry at a time.
 */
final class MembershipRules {
  private final RoomSettings settings;
  private final UserRegistry registry;
  private final Delivery delivery;
  private final UsersList users;
  private final Sessions sessions;
  private final CatchUp catchUp;
  private final PresenceGate gate;
  private final PresenceLines presence;
  private final RosterClock rosterClock;
  private final RoomCursor cursor;
  private final RoomReplies replies;
  private final RoomParts parts;
  private final RoomEntryRules entries;
  private final DefaultRoom general;
  private final Map<ResumeToken, ResumeToken> issued;

  MembershipRules(RoomParts parts, RoomEntryRules entries) {
    this.parts = parts;
    this.entries = entries;
    this.general = parts.rooms().general();
    this.settings = parts.settings();
    this.registry = parts.registry();
    this.delivery = parts.delivery();
    this.users = parts.users();
    this.sessions = parts.sessions();
    this.catchUp = new CatchUp(parts.delivery());
    this.gate = parts.gate();
    this.presence = parts.presence();
    this.rosterClock = parts.rosterClock();
    this.cursor = parts.cursor();
    this.replies = parts.replies();
    this.issued = parts.issued();
  }

  void join(Join join) {
    Who who = join.who();
    ResumeToken unsealed = join.issued() == null ? null : issued.remove(join.issued());
    registry.decideFor(cursor.id());
    if (cursor.drained()) {
      replies.refuse(who, ErrorCode.UNAVAILABLE, "the server is shutting down");
      return;
    }
    String registered = registry.nameOf(who);
    if (registered != null) {
      replies.refuse(who, ErrorCode.ALREADY_REGISTERED, "already registered as " + registered);
      return;
    }
    long now = cursor.time();
    Optional<String> tooSoon = gate.join(join.address(), now);
    if (tooSoon.isPresent()) {
      // Turned away, and let go: its client comes back later, as after a register the log lost.
      replies.refuse(who, ErrorCode.RATE_LIMITED, tooSoon.get());
      Member member = delivery.member(who);
      if (member != null) {
        // A base client is sent no error: its close says why and when to come back, not "reconnect".
        member.removed(Wire.CLOSE_SERVICE_RESTART, tooSoon.get());
      }
      leave(new Leave(who, "its register came too soon after others from its network", false));
      return;
    }
    Optional<String> banned = parts.moderation()
        .registerBan(general, who, NameRules.normalize(join.name()), join.address(), join.dialect() == Dialect.ROOMS, now)
        .map(ban -> ban.told(RoomNames.DEFAULT_ROOM));
    if (banned.isPresent()) {
      replies.refuse(who, ErrorCode.BANNED, banned.get());
      Member member = delivery.member(who);
      if (member != null) {
        member.removed(Wire.CLOSE_BANNED, banned.get());
      }
      leave(new Leave(who, "banned", true));
      return;
    }
    boolean roomsClient = join.dialect() == Dialect.ROOMS;
    if (roomsClient) {
      // In no room until it enters those it asked for, the default one included: each Enter
      // that its register was followed by.
      general.keepOut(who);
      entries.registered(who);
    }
    Optional<Session> resumed = Optional.empty();
    if (join.presented() != null && join.issued() != null) {
      resumed = sessions.resume(join.presented(), who, join.issued(), now);
      if (resumed.isEmpty()) {
        replies.tell(who, ErrorCode.INVALID_TOKEN, "your earlier session could not be resumed (it ended, the server restarted, or the token is wrong); joined anew");
      }
    }
    String name;
    Session session;
    if (resumed.isPresent()) {
      session = resumed.get();
      session.takenFrom().ifPresent(this::replace);
      if (session.account() != null) {
        // The token proves the session, and the session its login: no password again.
        registry.accounts().loggedIn(who, session.account());
      }
      name = registry.reclaim(who, session.name(), session.token().session(), join.address(), join.dialect(), now);
      sessions.renamed(who, name);
    } else {
      name = registry.claim(who, acceptableName(who, join), join.address(), join.dialect(), now);
      session = join.issued() == null ? null : sessions.open(who, join.issued(), name, join.address(), now);
      if (session != null) {
        session.loggedIn(registry.accounts().of(who));
      }
    }
    Member member = delivery.member(who);
    if (member != null) {
      member.registeredAs(name);
    } else if (parts.local(who)) {
      // A connection of this node whose leave came first: it was applied here alone, as the log
      // could not take it (or its join, which the log kept after all). Every node lets it go now.
      // Its client never heard of its session: the name is not held for it.
      parts.toLog().accept(new Leave(who, "its connection ended before its join was logged", true));
    }
    List<String> options = replyOptions(join, session, unsealed);
    registeredName(who, join, name).ifPresent(asked -> options.add(Options.of(Wire.OPTION_REGISTERED, asked)));
    delivery.sendTo(who, new Register(name, options));
    if (!roomsClient) {
      users.joined(name);
      users.welcome(who);
    }
    rosterClock.joined(who, cursor.id());
    if (!cursor.replaying()) {
      presence.joined(who, name, join.address(), resumed.isPresent(), resumed.isPresent() ? " (resumed)" : "");
    }
    if (join.dialect() == Dialect.EXTENDED && settings.historySize() > 0) {
      // With nothing kept, nothing to say, not even that a gap could not be filled.
      catchUp.send(who, parts.history(), join);
    }
    String account = registry.accounts().of(who);
    if (account != null && parts.local(who) && !cursor.replaying()) {
      // Logged in before its register, or back in a session that was: what was kept for it.
      registry.accounts().mail().deliver(account, who);
    }
  }

  /** A rooms client another node has, which this one missed: in the rooms its roster names. */
  void enterFromRoster(Who who, String name, List<String> rooms) {
    entries.enterFromRoster(who, name, rooms);
  }

  /** A user took a name it did not ask for: the rooms it is in beside the default one are told. */
  void renamedInRooms(Who who, String from, String to) {
    entries.renamed(who, from, to);
  }

  /** Where the client joined, to resume after, when history is kept: {@code at=ID}. */
  private List<String> positionOption(Join join) {
    return (join.dialect() == Dialect.EXTENDED || join.dialect() == Dialect.ROOMS) && settings.historySize() > 0
        ? List.of(Options.of(Wire.OPTION_JOINED_AT, cursor.id()))
        : List.of();
  }

  /**
   * What the register reply tells an extended client beyond its name: the token of its session,
   * and, when history is kept, the position it joined at, after which it resumes if it sees no
   * message before its connection drops.
   */
  private List<String> replyOptions(Join join, Session session, ResumeToken unsealed) {
    List<String> options = new ArrayList<>(2);
    if (session != null && unsealed != null) {
      options.add(Options.of(Wire.OPTION_TOKEN, session.token().session() + "." + unsealed.secret()));
    }
    options.addAll(positionOption(join));
    return options;
  }

  /**
   * The name an extended client asked for, when it did not get it because it is an account's that
   * it is not logged in to: its client may log in and have it.
   */
  private Optional<String> registeredName(Who who, Join join, String given) {
    String asked = NameRules.normalize(join.name());
    if (!join.dialect().extended() || asked == null || asked.equals(given)) {
      return Optional.empty();
    }
    AccountNames accounts = registry.accounts();
    // The account's own spelling, not the look-alike asked for: the client logs in to that one.
    return accounts.reservedAgainst(asked, accounts.of(who)) ? Optional.ofNullable(accounts.accountNamed(asked)) : Optional.empty();
  }

  /** A connection whose session was resumed on another one leaves, and is closed. */
  private void replace(Who old) {
    boolean inGeneral = general.contains(old);
    Entry entry = registry.release(old);
    if (entry != null) {
      released(old, entry, inGeneral, "resumed on another connection");
    }
    Member member = delivery.detach(old);
    if (member != null) {
      member.replaced();
    }
  }

  /** What a user's going takes with it, for everyone: its name from the list, and a log line. */
  private void released(Who who, Entry entry, boolean inGeneral, String why) {
    parts.moderation().gone(who);
    general.letIn(who);
    entries.leaveAll(who, entry.name());
    if (inGeneral && !cursor.drained()) {
      // Past the drain everyone here is being closed with 1001, which says it all: a list or a
      // "left" before it would tell each of them that the others left.
      users.left(entry.name());
    }
    rosterClock.left(who, cursor.time());
    if (!cursor.replaying()) {
      presence.left(who, entry.name(), entry.address(), why);
    }
  }

  /** The normalized name asked for, or {@code null} for a guest name when it is not usable. */
  private String acceptableName(Who who, Join join) {
    String requested = NameRules.normalize(join.name());
    if (requested == null) {
      return null;
    }
    Optional<String> problem = NameRules.problem(requested).or(() -> registry.reservation(requested));
    if (problem.isPresent()) {
      // Refusing would leave a base client, which cannot be told why, unable to chat at all.
      if (replies.logDrop()) {
        log.info("{} asked for a name it may not have: {}", join.address(), Printable.escape(problem.get()));
      }
      replies.tell(who, ErrorCode.INVALID_NAME, problem.get() + "; joining as a guest instead");
      return null;
    }
    return requested;
  }

  void rename(Rename rename) {
    Who who = rename.who();
    registry.decideFor(cursor.id());
    if (cursor.drained()) {
      replies.refuse(who, ErrorCode.UNAVAILABLE, "the server is shutting down");
      return;
    }
    String old = registry.nameOf(who);
    if (old == null) {
      replies.refuse(who, ErrorCode.NOT_REGISTERED, "register before changing your name");
      return;
    }
    String requested = NameRules.normalize(rename.name());
    Optional<String> problem =
        requested == null
            ? Optional.of("a new name needs a visible character")
            : NameRules.problem(requested).or(() -> registry.reservation(requested));
    if (problem.isPresent()) {
      replies.refuse(who, ErrorCode.INVALID_NAME, problem.get() + "; your name is still " + old);
      return;
    }
    Entry renaming = registry.entryOf(who);
    Optional<Bans.Ban> nameBan = parts.moderation().registerBan(general, who, requested, renaming.address(), renaming.dialect() == Dialect.ROOMS, cursor.time());
    if (nameBan.isPresent()) {
      replies.refuse(who, ErrorCode.BANNED, "the name " + RoomReplies.quoted(requested) + " is banned" + nameBan.get().endAndReason()
          + "; your name is still " + old);
      return;
    }
    Optional<String> tooSoon = gate.rename(who, registry.entryOf(who).address(), old, cursor.time());
    if (tooSoon.isPresent()) {
      replies.refuse(who, ErrorCode.RATE_LIMITED, tooSoon.get());
      return;
    }
    String name = registry.rename(who, requested, cursor.time()).orElseThrow();
    if (!name.equals(old)) {
      Member member = delivery.member(who);
      if (member != null) {
        member.registeredAs(name);
      }
      sessions.renamed(who, name);
      if (general.contains(who)) {
        users.renamed(old, name);
      }
      entries.renamed(who, old, name);
      if (!cursor.replaying()) {
        presence.renamed(who, old, name, "");
      }
    }
    delivery.sendTo(who, new Register(name));
  }

  void leave(Leave leave) {
    Who who = leave.who();
    gate.left(who);
    boolean inGeneral = general.contains(who);
    Entry entry = registry.release(who);
    if (entry != null) {
      released(who, entry, inGeneral, leave.why());
      if (leave.quit()) {
        sessions.ended(who);
      } else {
        long now = cursor.time();
        long until = now + settings.resumeWindow().toMillis();
        sessions.dropped(who, now, until).ifPresent(session -> registry.hold(entry.name(), session.token().session(), until));
        for (Session evicted : sessions.takeEvicted()) {
          registry.unhold(evicted.name(), evicted.token().session());
        }
      }
    }
    Member member = delivery.detach(who);
    if (member != null) {
      member.left();
    }
  }
}
