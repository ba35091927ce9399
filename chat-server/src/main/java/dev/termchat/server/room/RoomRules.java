package dev.termchat.server.room;

import dev.termchat.server.metrics.ChatMeters;
import dev.termchat.server.room.RoomEvent.Enter;
import dev.termchat.server.room.RoomEvent.Exit;
import dev.termchat.server.room.RoomEvent.Join;
import dev.termchat.server.room.RoomEvent.Leave;
import dev.termchat.server.room.RoomEvent.Refuse;
import dev.termchat.server.room.RoomEvent.Rename;
import dev.termchat.server.room.RoomEvent.Roster;
import dev.termchat.server.room.RoomEvent.Say;
import dev.termchat.server.room.RoomEvent.Whisper;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What each event does to the room: who is online under which name, what was said, who is told
 * what. Applied on the room thread, one log entry at a time, in log order; the entry's id and time
 * are the only ids and times it uses, so that every node applying the same log does the same.
 *
 * <p>Each kind of event goes to the rules of its role: {@link MembershipRules} (joins, leaves,
 * renames), {@link RoomEntryRules} (entering and leaving rooms), {@link ConversationRules} (what is said), {@link RosterRules} (rosters, and events the
 * log lost); what they tell a member goes through {@link RoomReplies}. Where the room is in its
 * log, which they all read, has one owner, the {@link RoomCursor}.
 */
final class RoomRules implements RoomEvent.Visitor<Void> {
  private final RoomCursor cursor = new RoomCursor();
  private final RoomParts parts;
  private final MembershipRules membership;
  private final RoomEntryRules entries;
  private final RoomInfoRules info;
  private final ConversationRules conversation;
  private final RosterRules rosters;
  private final RecallRules recall;
  private final ModerationRules moderation;
  private final AccountRules accounts;

  RoomRules(
      RoomSettings settings,
      UserRegistry registry,
      Delivery delivery,
      UsersList users,
      MadeRoomPresence madePresence,
      RoomDirectory rooms,
      Consumer<RoomEvent> toLog,
      Map<ResumeToken, ResumeToken> issued,
      ChatMeters meters,
      RoomLog log,
      Consumer<RoomEvent> forward,
      Consumer<RoomEvent> settle,
      MessageArchive archive,
      Consumer<RoomEvent> later,
      BanBook bans,
      MessageDeletions deletions) {
    FollowedRooms following =
        log.roomsApart()
            ? new FollowedRooms(
                log,
                settings.node(),
                rooms,
                cursor,
                settings.historySize(),
                forward,
                this::judge,
                this::applyLine,
                settle,
                event -> loseStaged(event, settle),
                this::loadHistory)
            : null;
    this.parts =
        new RoomParts(
            settings,
            registry,
            delivery,
            users,
            madePresence,
            rooms,
            new Sessions(settings.presence().limitLoopback()),
            rooms.general().history(),
            new PresenceGate(settings.presence()),
            new PresenceLines(settings.node()),
            new RosterClock(),
            cursor,
            new RoomReplies(registry, delivery, meters, cursor, settings.node()),
            toLog,
            issued,
            meters,
            following,
            new RoomModeration(new Roles(settings.operators(), registry.accounts()), bans));
    this.entries = new RoomEntryRules(parts);
    this.info = new RoomInfoRules(parts);
    this.membership = new MembershipRules(parts, entries);
    this.conversation = new ConversationRules(parts, archive);
    this.rosters = new RosterRules(parts, membership);
    this.recall = new RecallRules(parts, archive, later);
    this.moderation = new ModerationRules(parts, membership, entries, deletions);
    this.accounts = new AccountRules(parts, membership);
  }

  void apply(LogEntry entry) {
    cursor.applying(entry);
    parts.rooms().reached(entry.id());
    parts.history().reached(entry.id());
    try {
      entry.event().accept(this);
    } finally {
      cursor.applied();
    }
    if (parts.roomsApart()) {
      parts.following().reachedNext();
    }
  }

  /** A followed room's log as loaded, when rooms' lines are apart. */
  void roomLoaded(RoomLoad load) {
    if (parts.roomsApart()) {
      parts.following().loaded(load);
    }
  }

  /** A line of a followed room's own log, in the room's order. */
  void roomEntry(String room, LogEntry entry) {
    if (parts.roomsApart()) {
      parts.following().entry(room, entry);
    }
  }

  private RoomEvent.Line judge(Say say) {
    return conversation.judge(say);
  }

  private void loadHistory(MadeRoom room, RoomLoad load, java.util.List<LogEntry> since) {
    conversation.load(room, load, since);
  }

  /** A staged entry whose room's log could not be read: refused as if the log had lost it. */
  private void loseStaged(RoomEvent event, Consumer<RoomEvent> settle) {
    rosters.lost(event);
    settle.accept(event);
  }

  /** A line of a room's own log, due now: applied at its own id and time, not the node-wide log's. */
  private void applyLine(LogEntry entry) {
    if (entry.event() instanceof RoomEvent.Line line) {
      try {
        conversation.line(line, entry);
      } catch (RuntimeException e) {
        RoomLogger.LOG.error("Failed to apply {}", entry, e);
      }
    }
  }

  void drained() {
    cursor.drain();
  }

  /** See {@link RoomLog.Listener#registeredInReplay}. */
  void registeredInReplay(java.util.Collection<String> names) {
    names.forEach(parts.registry().accounts()::registeredLater);
  }

  /**
   * Forgets the sessions and names whose hold ran out by the time of the last entry applied, not
   * by this machine's clock: every node applying one log then forgets them at the same point in
   * it, and decides the same about a name asked for just as its hold ends.
   */
  void expire() {
    if (cursor.current() != null) {
      long time = cursor.time();
      parts.sessions().expire(time);
      parts.registry().expireHolds(time);
      parts.rosterClock().expire(time);
      parts.gate().expire(time);
      entries.expire(time);
      parts.moderation().expire(time);
      if (parts.roomsApart()) {
        parts.following().expire(time);
      }
    }
  }

  /** Who is registered on this node, as the others should know it. */
  Roster roster(boolean ask) {
    return rosters.roster(ask);
  }

  /** An event of this node's that the log took but could not keep: undone or refused here. */
  void lost(RoomEvent event) {
    rosters.lost(event);
  }

  @Override
  public Void join(Join join) {
    membership.join(join);
    return null;
  }

  @Override
  public Void say(Say say) {
    conversation.say(say);
    return null;
  }

  @Override
  public Void whisper(Whisper whisper) {
    conversation.whisper(whisper);
    return null;
  }

  @Override
  public Void rename(Rename rename) {
    membership.rename(rename);
    return null;
  }

  /**
   * A refusal: of a frame of this node's connection, decided here and never logged (see {@link
   * ChatRoom#reject}), or one that a node of an older version appended to a shared log during a
   * rolling upgrade, applied as it was then.
   */
  @Override
  public Void refuse(Refuse refuse) {
    parts.replies().refuse(refuse.who(), refuse.code(), refuse.reason(), refuse.clientId());
    return null;
  }

  @Override
  public Void leave(Leave leave) {
    membership.leave(leave);
    return null;
  }

  @Override
  public Void roster(Roster roster) {
    rosters.apply(roster);
    return null;
  }

  /** A refusal or an answer decided on this node, told in the order of its connection's frames. */
  void local(RoomEvent reply) {
    if (parts.roomsApart() && FollowedRooms.staged(reply)) {
      parts.following().stage(reply);
    } else {
      reply.accept(this);
    }
  }

  @Override
  public Void topic(RoomEvent.SetTopic topic) {
    info.topic(topic);
    return null;
  }

  @Override
  public Void listRooms(RoomEvent.ListRooms list) {
    info.list(list.who());
    return null;
  }

  @Override
  public Void scrollback(RoomEvent.Scrollback scrollback) {
    recall.scrollback(scrollback);
    return null;
  }

  @Override
  public Void search(RoomEvent.Search search) {
    recall.search(search);
    return null;
  }

  @Override
  public Void answer(RoomEvent.Answer answer) {
    recall.answer(answer);
    return null;
  }

  @Override
  public Void account(RoomEvent.Account account) {
    accounts.apply(account);
    return null;
  }

  @Override
  public Void enter(Enter enter) {
    entries.enter(enter);
    return null;
  }

  @Override
  public Void line(RoomEvent.Line line) {
    conversation.line(line, cursor.current());
    return null;
  }

  @Override
  public Void moderate(RoomEvent.Moderate moderate) {
    moderation.apply(moderate);
    return null;
  }

  @Override
  public Void exit(Exit exit) {
    entries.exit(exit);
    return null;
  }
}
