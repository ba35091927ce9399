package dev.termchat.server.room;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Wire;
import dev.termchat.server.log.LogFields;
import dev.termchat.server.log.LogThrottle;
import dev.termchat.server.metrics.ChatMeters;
import dev.termchat.server.room.LineIds.Kind;
import dev.termchat.server.room.LineIds.Seen;
import dev.termchat.server.room.RoomEvent.Join;
import dev.termchat.server.room.RoomEvent.Leave;
import dev.termchat.server.room.RoomEvent.Present;
import dev.termchat.server.room.RoomEvent.Refuse;
import dev.termchat.server.room.RoomEvent.Rename;
import dev.termchat.server.room.RoomEvent.Roster;
import dev.termchat.server.room.RoomEvent.Say;
import dev.termchat.server.room.RoomEvent.Whisper;
import dev.termchat.server.room.Sessions.Session;
import dev.termchat.server.room.UserRegistry.Entry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each event does to the room: who is online under which name, what was said, who is told
 * what. Applied on the room thread, one log entry at a time, in log order; the entry's id and time
 * are the only ids and times it uses, so that every node applying the same log does the same.
 */
final class RoomRules implements RoomEvent.Visitor<Void> {
  /** The room's log lines carry the room's name: they are what an operator reads. */
  private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);
  /** Dropped frames are a client's doing: logged up to this many a second, then summed up. */
  private static final int DROPS_LOGGED_PER_SECOND = 50;

  private final RoomSettings settings;
  private final UserRegistry registry;
  private final Delivery delivery;
  private final UsersList users;
  private final Sessions sessions;
  private final MessageHistory history;
  private final CatchUp catchUp;
  private final PresenceGate gate;
  /** Appends an event of the room's own making: a roster, a leave. */
  private final Consumer<RoomEvent> toLog;
  /** The tokens of this node's joining connections as their clients get them, until applied. */
  private final Map<ResumeToken, ResumeToken> issued;
  private final ChatMeters meters;
  private final LogThrottle dropLog = new LogThrottle(DROPS_LOGGED_PER_SECOND, "dropped frames", log::info);
  private final PresenceLines presence;

  private final RosterClock rosterClock = new RosterClock();

  /** The entry being applied. */
  private LogEntry current;

  /**
   * Whether the entry being applied is replayed, from before this node started: it is applied,
   * so that the node knows who is online and what was said, but not counted or logged again.
   */
  private boolean replaying;

  /**
   * Whether the drain point has been applied: messages, joins and renames that slipped into the
   * log behind it are refused, not applied.
   */
  private boolean drained;

  RoomRules(
      RoomSettings settings,
      UserRegistry registry,
      Delivery delivery,
      UsersList users,
      Consumer<RoomEvent> toLog,
      Map<ResumeToken, ResumeToken> issued,
      ChatMeters meters) {
    this.meters = meters;
    this.settings = settings;
    this.issued = issued;
    this.toLog = toLog;
    this.registry = registry;
    this.delivery = delivery;
    this.users = users;
    this.sessions = new Sessions(settings.presence().limitLoopback());
    this.history = new MessageHistory(settings.historySize());
    this.catchUp = new CatchUp(history, delivery);
    this.gate = new PresenceGate(settings.presence());
    this.presence = new PresenceLines(settings.node());
  }

  void apply(LogEntry entry) {
    current = entry;
    replaying = entry.replayed();
    history.reached(entry.id());
    try {
      entry.event().accept(this);
    } finally {
      replaying = false;
    }
  }

  /** Whether a dropped frame is logged: live, and within the rate at which they are. */
  private boolean logDrop() {
    return !replaying && dropLog.allow();
  }

  void drained() {
    drained = true;
  }

  /**
   * Forgets the sessions and names whose hold ran out by the time of the last entry applied, not
   * by this machine's clock: every node applying one log then forgets them at the same point in
   * it, and decides the same about a name asked for just as its hold ends.
   */
  void expire() {
    if (current != null) {
      sessions.expire(current.time());
      registry.expireHolds(current.time());
      rosterClock.expire(current.time());
      gate.expire(current.time());
    }
  }

  @Override
  public Void join(Join join) {
    Who who = join.who();
    ResumeToken unsealed = join.issued() == null ? null : issued.remove(join.issued());
    registry.decideFor(current.id());
    if (drained) {
      refuse(who, ErrorCode.UNAVAILABLE, "the server is shutting down");
      return null;
    }
    String registered = registry.nameOf(who);
    if (registered != null) {
      refuse(who, ErrorCode.ALREADY_REGISTERED, "already registered as " + registered);
      return null;
    }
    long now = current.time();
    Optional<String> tooSoon = gate.join(join.address(), now);
    if (tooSoon.isPresent()) {
      // Turned away, and let go: its client comes back later, as after a register the log lost.
      refuse(who, ErrorCode.RATE_LIMITED, tooSoon.get());
      return leave(new Leave(who, "its register came too soon after others from its network", false));
    }
    Optional<Session> resumed = Optional.empty();
    if (join.presented() != null && join.issued() != null) {
      resumed = sessions.resume(join.presented(), who, join.issued(), now);
      if (resumed.isEmpty()) {
        tell(who, ErrorCode.INVALID_TOKEN, "your earlier session could not be resumed (it ended, the server restarted, or the token is wrong); joined anew");
      }
    }
    String name;
    Session session;
    if (resumed.isPresent()) {
      session = resumed.get();
      session.takenFrom().ifPresent(this::replace);
      name = registry.reclaim(who, session.name(), session.token().session(), join.address(), join.dialect(), now);
      sessions.renamed(who, name);
    } else {
      name = registry.claim(who, acceptableName(who, join), join.address(), join.dialect(), now);
      session = join.issued() == null ? null : sessions.open(who, join.issued(), name, join.address(), now);
    }
    Member member = delivery.member(who);
    if (member != null) {
      member.registeredAs(name);
    } else if (who.node().equals(settings.node())) {
      // A connection of this node whose leave came first: it was applied here alone, as the log
      // could not take it (or its join, which the log kept after all). Every node lets it go now.
      // Its client never heard of its session: the name is not held for it.
      toLog.accept(new Leave(who, "its connection ended before its join was logged", true));
    }
    delivery.sendTo(who, new Register(name, replyOptions(join, session, unsealed)));
    users.joined(name);
    users.welcome(who);
    rosterClock.joined(who, current.id());
    if (!replaying) {
      presence.joined(who, name, join.address(), resumed.isPresent(), resumed.isPresent() ? " (resumed)" : "");
    }
    if (join.dialect() == Dialect.EXTENDED && settings.historySize() > 0) {
      // With nothing kept, nothing to say, not even that a gap could not be filled.
      catchUp.send(who, join);
    }
    return null;
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
    if (join.dialect() == Dialect.EXTENDED && settings.historySize() > 0) {
      options.add(Options.of(Wire.OPTION_JOINED_AT, current.id()));
    }
    return options;
  }

  /** A connection whose session was resumed on another one leaves, and is closed. */
  private void replace(Who old) {
    Entry entry = registry.release(old);
    if (entry != null) {
      if (!drained) {
        // Past the drain everyone here is being closed with 1001, which says it all: a list or a
        // "left" before it would tell each of them that the others left.
        users.left(entry.name());
      }
      rosterClock.left(old, current.time());
      if (!replaying) {
        presence.left(old, entry.name(), entry.address(), "resumed on another connection");
      }
    }
    Member member = delivery.detach(old);
    if (member != null) {
      member.replaced();
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
      if (logDrop()) {
        log.info("{} asked for a name it may not have: {}", join.address(), Printable.escape(problem.get()));
      }
      tell(who, ErrorCode.INVALID_NAME, problem.get() + "; joining as a guest instead");
      return null;
    }
    return requested;
  }

  @Override
  public Void say(Say say) {
    Who who = say.who();
    Entry sender = speaker(who, say.text(), say.clientId());
    if (sender == null) {
      return null;
    }
    String address = settings.shareAddresses() ? sender.address() : null;
    Seen seen = seen(who, say.clientId(), say.action() ? Kind.ACTION : Kind.MESSAGE, null, say.text());
    if (seen == Seen.OTHER_LINE) {
      return refuseReusedId(who, say.clientId());
    }
    if (seen == Seen.SAME_LINE) {
      // Sent again after a reconnect, but said already: its sender gets its echo, no one else.
      ChatMessage said =
          history
              .sentAs(sender.name(), say.clientId(), say.action(), say.text())
              .orElseGet(() -> new ChatMessage(say.action(), sender.name(), say.text(), current.time(), address, null, say.clientId()));
      delivery.sendTo(who, said);
      return null;
    }
    // Recipients must know the sender before they see its message.
    users.beforeMessage(sender.name());
    ChatMessage message =
        new ChatMessage(say.action(), sender.name(), say.text(), current.time(), address, current.id(), say.clientId());
    Broadcast broadcast = delivery.broadcast(message, registry.members());
    if (!replaying) {
      meters.messageOut(broadcast.recipients());
    }
    history.add(message, broadcast.encodedFor(Dialect.EXTENDED));
    return null;
  }

  @Override
  public Void whisper(Whisper whisper) {
    Who who = whisper.who();
    Entry sender = speaker(who, whisper.text(), whisper.clientId());
    if (sender == null) {
      return null;
    }
    Optional<Who> recipient = registry.whoIs(whisper.to());
    if (recipient.isEmpty()) {
      refuse(who, ErrorCode.UNKNOWN_USER, "no one named " + quoted(whisper.to()) + " is online; not delivered", whisper.clientId());
      return null;
    }
    Entry target = registry.entryOf(recipient.get());
    if (target.dialect() != Dialect.EXTENDED) {
      refuse(who, ErrorCode.CANNOT_RECEIVE,
          quoted(target.name()) + " uses a client that cannot show private messages; not delivered", whisper.clientId());
      return null;
    }
    Seen seen = seen(who, whisper.clientId(), Kind.PRIVATE, whisper.to(), whisper.text());
    if (seen == Seen.OTHER_LINE) {
      return refuseReusedId(who, whisper.clientId());
    }
    users.beforePrivate();
    PrivateChat message =
        new PrivateChat(sender.name(), target.name(), whisper.text(), current.time(), current.id(), whisper.clientId());
    delivery.sendTo(who, message);
    if (seen == Seen.FIRST && !recipient.get().equals(who)) {
      delivery.sendTo(recipient.get(), message);
    }
    return null;
  }

  /**
   * The sender of a message, if it may say it now; otherwise it is told why not.
   *
   * @return {@code null} when the message is refused
   */
  private Entry speaker(Who who, String text, String clientId) {
    if (drained) {
      // Taken just as the drain began, but behind its point: refused, not half delivered.
      refuse(who, ErrorCode.UNAVAILABLE, "the server is shutting down; message not delivered", clientId);
      return null;
    }
    Entry sender = registry.entryOf(who);
    if (sender == null) {
      refuse(who, ErrorCode.NOT_REGISTERED, "register before sending messages", clientId);
      return null;
    }
    if (text.isEmpty()) {
      refuse(who, ErrorCode.EMPTY_MESSAGE, "a message needs text", clientId);
      return null;
    }
    return sender;
  }

  /** Whether the session's client gave this line's id before, and to this line or another. */
  private Seen seen(Who who, String clientId, Kind kind, String to, String text) {
    return sessions.of(who).map(session -> session.lineIds().see(clientId, kind, to, text)).orElse(Seen.FIRST);
  }

  /** A line under an id its sender gave another line: neither said nor echoed as if it were that one. */
  private Void refuseReusedId(Who who, String clientId) {
    refuse(who, ErrorCode.INVALID_FRAME, "the id " + quoted(clientId) + " is taken by another line of yours; not delivered", clientId);
    return null;
  }

  @Override
  public Void rename(Rename rename) {
    Who who = rename.who();
    registry.decideFor(current.id());
    if (drained) {
      refuse(who, ErrorCode.UNAVAILABLE, "the server is shutting down");
      return null;
    }
    String old = registry.nameOf(who);
    if (old == null) {
      refuse(who, ErrorCode.NOT_REGISTERED, "register before changing your name");
      return null;
    }
    String requested = NameRules.normalize(rename.name());
    Optional<String> problem =
        requested == null
            ? Optional.of("a new name needs a visible character")
            : NameRules.problem(requested).or(() -> registry.reservation(requested));
    if (problem.isPresent()) {
      refuse(who, ErrorCode.INVALID_NAME, problem.get() + "; your name is still " + old);
      return null;
    }
    Optional<String> tooSoon = gate.rename(who, registry.entryOf(who).address(), old, current.time());
    if (tooSoon.isPresent()) {
      refuse(who, ErrorCode.RATE_LIMITED, tooSoon.get());
      return null;
    }
    String name = registry.rename(who, requested, current.time()).orElseThrow();
    if (!name.equals(old)) {
      Member member = delivery.member(who);
      if (member != null) {
        member.registeredAs(name);
      }
      sessions.renamed(who, name);
      users.renamed(old, name);
      if (!replaying) {
        presence.renamed(who, old, name, "");
      }
    }
    delivery.sendTo(who, new Register(name));
    return null;
  }

  @Override
  public Void refuse(Refuse refuse) {
    refuse(refuse.who(), refuse.code(), refuse.reason(), refuse.clientId());
    return null;
  }

  @Override
  public Void leave(Leave leave) {
    Who who = leave.who();
    gate.left(who);
    Entry entry = registry.release(who);
    if (entry != null) {
      if (!drained) {
        // Past the drain everyone here is being closed with 1001, which says it all: a list or a
        // "left" before it would tell each of them that the others left.
        users.left(entry.name());
      }
      rosterClock.left(who, current.time());
      if (!replaying) {
        presence.left(who, entry.name(), entry.address(), leave.why());
      }
      if (leave.quit()) {
        sessions.ended(who);
      } else {
        long now = current.time();
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
    return null;
  }

  private void refuse(Who who, ErrorCode code, String reason) {
    refuse(who, code, reason, null);
  }

  /**
   * A frame of the connection's was dropped: a log line, and the reason to an extended client,
   * with the client's id for the line when it gave one.
   */
  private void refuse(Who who, ErrorCode code, String reason, String clientId) {
    if (!replaying) {
      meters.refused(code.wireName());
    }
    if (logDrop()) {
      try (LogFields fields = LogFields.of("event", "dropped", "code", code.wireName())) {
        log.info("Dropped a frame from {}: {}", describe(who), Printable.escape(reason));
      }
    }
    delivery.sendTo(who, ErrorReply.of(code, reason, clientId));
  }

  private void tell(Who who, ErrorCode code, String reason) {
    delivery.sendTo(who, ErrorReply.of(code, reason));
  }

  @Override
  public Void roster(Roster roster) {
    String node = roster.who().node();
    if (node.equals(settings.node())) {
      return null; // This node knows its own; it applied what the log lost of them already.
    }
    registry.decideFor(current.id());
    Set<Long> present = new HashSet<>();
    roster.present().forEach(one -> present.add(one.connection()));
    for (Who who : registry.members()) {
      if (who.node().equals(node) && !present.contains(who.connection()) && rosterClock.joinedBy(who, roster.asOf())) {
        leave(new Leave(who, "its node no longer has it", false));
      }
    }
    for (Present one : roster.present()) {
      Who who = new Who(node, one.connection());
      String requested = NameRules.normalize(one.name());
      if (requested == null || NameRules.problem(requested).or(() -> registry.reservation(requested)).isPresent()) {
        // No node registers such a name: the roster is not one of theirs.
        if (logDrop()) {
          log.warn("Skipped a roster's user with a name no node gives, from node {}", Printable.escape(node));
        }
        continue;
      }
      if (registry.nameOf(who) == null && !rosterClock.leftLately(who)) {
        // Another user has the name here only because this node missed this one's join (it
        // started after the log lost it): the name is the roster's, as on the nodes that saw
        // the join, and the other user gets the variant they gave it.
        Optional<Who> holder = registry.whoIs(requested).filter(other -> !other.equals(who));
        Entry displaced = holder.map(registry::release).orElse(null);
        String name = registry.claim(who, requested, one.address(), one.dialect(), current.time());
        if (displaced != null) {
          moveAside(holder.get(), displaced);
        }
        users.joined(name);
        rosterClock.joined(who, current.id());
        if (!replaying) {
          presence.joined(who, name, one.address(), false, " (its node said again who it has)");
        }
      }
    }
    if (roster.ask() && !replaying) {
      // A past ask was answered then; this node says who it has as it starts, and asks anew.
      toLog.accept(roster(false));
    }
    return null;
  }

  /** Registers a user again, under a free variant of its name, and tells it so. */
  private void moveAside(Who who, Entry entry) {
    String moved = registry.claim(who, entry.name(), entry.address(), entry.dialect(), current.time());
    users.renamed(entry.name(), moved);
    sessions.renamed(who, moved);
    Member member = delivery.member(who);
    if (member != null) {
      member.registeredAs(moved);
      delivery.sendTo(who, new Register(moved));
    }
    if (!replaying) {
      presence.renamed(who, entry.name(), moved, ": the other nodes gave the name to someone else first");
    }
  }

  /** Who is registered on this node, as the others should know it. */
  Roster roster(boolean ask) {
    List<Present> present = new ArrayList<>();
    for (Who who : registry.members()) {
      if (who.node().equals(settings.node())) {
        Entry entry = registry.entryOf(who);
        present.add(new Present(who.connection(), entry.name(), entry.address(), entry.dialect()));
      }
    }
    return new Roster(new Who(settings.node(), 0), present, current == null ? null : current.id(), ask);
  }

  /**
   * An event of this node's that the log took but could not keep: what it asked for is undone or
   * refused here, and its sender told, as if the room had refused it.
   */
  void lost(RoomEvent event) {
    event.accept(
        new RoomEvent.Visitor<Void>() {
          @Override
          public Void join(Join join) {
            if (join.issued() != null) {
              issued.remove(join.issued());
            }
            tell(join.who(), ErrorCode.UNAVAILABLE, "the chat's log is out of reach; connect again in a moment");
            // Unregistered, its connection is let go, and its client comes back later.
            return leave(new Leave(join.who(), "the chat's log could not take its join", false));
          }

          @Override
          public Void say(Say say) {
            return unavailable(say.who(), "message not delivered", say.clientId());
          }

          @Override
          public Void whisper(Whisper whisper) {
            return unavailable(whisper.who(), "message not delivered", whisper.clientId());
          }

          @Override
          public Void rename(Rename rename) {
            return unavailable(rename.who(), "name not changed", null);
          }

          @Override
          public Void refuse(Refuse refuse) {
            return RoomRules.this.refuse(refuse);
          }

          @Override
          public Void leave(Leave leave) {
            // Here at once; the others drop it when this node says again who it has.
            return RoomRules.this.leave(leave);
          }

          @Override
          public Void roster(Roster roster) {
            return null; // Said again once the log is back.
          }

          private Void unavailable(Who who, String outcome, String clientId) {
            RoomRules.this.refuse(who, ErrorCode.UNAVAILABLE, "the chat's log is out of reach; " + outcome, clientId);
            return null;
          }
        });
  }

  private String describe(Who who) {
    Entry entry = registry.entryOf(who);
    if (entry != null) {
      return Printable.escape(entry.name()) + " (" + entry.address() + ")";
    }
    Member member = delivery.member(who);
    return member != null ? member.address() : who.toString();
  }

  private static String quoted(String name) {
    return "\"" + Printable.escape(name) + "\"";
  }
}
