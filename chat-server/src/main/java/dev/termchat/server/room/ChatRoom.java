package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Wire;
import dev.termchat.server.metrics.ChatMeters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The chat room. What connections do becomes {@link RoomEvent}s, appended to the room's {@link
 * RoomLog}, which numbers them and hands them back in one order; the room applies them one at a
 * time, in that order, on its own thread, and every frame they cause is queued to the recipients
 * before the next one is applied.
 *
 * <p>That single order is what keeps strict clients alive: each client sees a users list naming a
 * sender before any message from that sender, and never an older users list after a newer one.
 * It also lets the room coalesce: a burst of joins produces one users list, not one per join.
 *
 * <p>Callers on other threads only append, so they never block. A connection is {@link #attach
 * attached} before its first event, and {@link #leave} is its last. A refusal of one of its frames
 * is no event: it is decided, counted and logged on this node alone ({@link ReplyOrder}). The
 * room's thread and inbox are a {@link RoomLoop}; what each event does, {@link RoomRules}.
 */
public final class ChatRoom implements AutoCloseable {
  /** Past either bound, messages are turned away ({@link Intake}). */
  static final int MAX_WAITING_EVENTS = Intake.MAX_WAITING_EVENTS;
  static final long MAX_WAITING_CHARS = Intake.MAX_WAITING_CHARS;

  private final RoomLog roomLog;
  private final FrameCodec codec;
  private final boolean keepsHistory;
  private final RoomDoor door;
  private final RoomRecall recall;
  private final ModerationDoor moderation;
  private final Intake intake;
  private final UserRegistry registry = new UserRegistry();
  private final Delivery delivery;
  private final ReplyOrder refusals;
  private final RoomLoop loop;
  private final BanBook bans;
  private final MessageDeletions deletions;
  /**
   * The tokens issued to this node's joining connections as the clients get them, by the sealed
   * tokens that the log carries. Until the join is applied.
   */
  private final Map<ResumeToken, ResumeToken> issued = new ConcurrentHashMap<>();

  /** Set once a drain begins; from then on messages, joins and renames are turned away. */
  private volatile boolean draining;

  /**
   * @param roomLog where events are put in order and numbered; the room starts it
   * @param fatal told of an error the room cannot go on after, such as running out of memory
   */
  public ChatRoom(FrameCodec codec, RoomSettings settings, RoomLog roomLog, Consumer<Throwable> fatal) {
    this(codec, settings, roomLog, ChatMeters.NONE, fatal);
  }

  /** @param meters what the room counts: messages in and out, refusals */
  public ChatRoom(FrameCodec codec, RoomSettings settings, RoomLog roomLog, ChatMeters meters, Consumer<Throwable> fatal) {
    this(codec, settings, roomLog, meters, MessageArchive.NONE, fatal);
  }

  /** @param archive what answers scrollback and search beyond the histories in memory */
  public ChatRoom(
      FrameCodec codec, RoomSettings settings, RoomLog roomLog, ChatMeters meters, MessageArchive archive, Consumer<Throwable> fatal) {
    this(codec, settings, roomLog, meters, archive, BanBook.NONE, MessageDeletions.NONE, fatal);
  }

  /**
   * @param bans where bans are kept beyond the log: a store's table, or Redis
   * @param deletions where deleted messages are taken out of beyond memory
   */
  public ChatRoom(
      FrameCodec codec, RoomSettings settings, RoomLog roomLog, ChatMeters meters, MessageArchive archive, BanBook bans,
      MessageDeletions deletions, Consumer<Throwable> fatal) {
    this.keepsHistory = settings.historySize() > 0;
    this.bans = bans;
    this.deletions = deletions;
    this.codec = codec;
    Access access = new Access();
    this.door = new RoomDoor(access, settings.maxRoomsPerConnection());
    this.recall = new RoomRecall(access, archive, keepsHistory);
    this.moderation = new ModerationDoor(access);
    this.intake = new Intake(access, registry, meters);
    this.roomLog = roomLog;
    this.delivery = new Delivery(codec, System::nanoTime);
    HistoryBudget budget = HistoryBudget.forRooms(settings.historySize(), Wire.DEFAULT_MAX_MESSAGE_CHARS);
    DefaultRoom general = new DefaultRoom(registry, new MessageHistory(settings.historySize(), RoomNames.DEFAULT_ROOM, budget));
    UsersList users = new UsersList(general, delivery, System::nanoTime, settings.presence().listNames());
    RoomDirectory rooms =
        new RoomDirectory(general, settings.historySize(), settings.maxRooms(), settings.maxRoomsPerConnection(), budget,
            new RoomMakers(RoomMakers.ranges(registry, settings.presence().limitLoopback()), settings.maxRooms(), settings.maxRoomsPerConnection()));
    MadeRoomPresence madePresence = new MadeRoomPresence(delivery, roomLog::millis);
    if (roomLog.roomsApart()) {
      rooms.historiesApart();
    }
    RoomRules rules =
        new RoomRules(settings, registry, delivery, users, madePresence, rooms, this::append, issued, meters, roomLog, this::forward,
            this::settled,
            archive,
            this::archived,
            bans,
            deletions);
    this.refusals = new ReplyOrder(rules::local, System::nanoTime);
    this.loop = new RoomLoop(rules, users, madePresence, delivery, refusals, this::append, fatal);
  }

  /** What a rooms client asks of rooms. */
  public RoomDoor rooms() {
    return door;
  }

  /** What extended clients ask of moderation: kick, ban, roles, mute. */
  public ModerationDoor moderation() {
    return moderation;
  }

  /** What extended clients ask of what was said: scrollback and search. */
  public RoomRecall recall() {
    return recall;
  }

  /** Whether the room keeps messages for those who join or come back. */
  public boolean keepsHistory() {
    return keepsHistory;
  }

  public void start() {
    roomLog.start(loop);
    loop.start();
  }

  /** Whether the room's thread is running. */
  public boolean running() {
    return loop.running();
  }

  /** A connection on this node, which events may now name. */
  public void attach(Member member) {
    delivery.attach(member);
    refusals.attach(member.who());
  }
  /** The member asks to join, with the name and options of its register frame. */
  public void join(Member member, Register register) {
    if (draining) {
      return;
    }
    Dialect dialect = member.dialect();
    boolean extended = dialect.extended();
    boolean roomsClient = dialect == Dialect.ROOMS;
    int history =
        extended ? Math.max(0, Math.min(RoomSettings.JOIN_HISTORY, register.history().orElse(RoomSettings.JOIN_HISTORY))) : 0;
    RoomEvent join =
        new RoomEvent.Join(
            member.who(),
            register.name(),
            member.address(),
            dialect,
            roomsClient ? 0 : history,
            extended && !roomsClient ? register.resumeAfter().map(LogEntry::boundedId).orElse(null) : null,
            extended ? register.token().map(token -> ResumeToken.parse(token).orElse(ResumeToken.UNKNOWN).sealed()).orElse(null) : null,
            extended ? issue() : null);
    if (append(join) && roomsClient) {
      // Right behind its join in the log: a resume puts the client back in every room at once.
      door.enterAll(member, register, history);
    }
  }

  /** A new token, sealed; kept here as the client gets it until its register frame carries it. */
  private ResumeToken issue() {
    ResumeToken token = ResumeToken.issue();
    ResumeToken sealed = token.sealed();
    issued.put(sealed, token);
    return sealed;
  }

  /** A plain-text client joins, under a guest name. */
  public void joinPlain(Member member) {
    if (!draining) {
      append(new RoomEvent.Join(member.who(), null, member.address(), Dialect.PLAIN, 0, null, null, null));
    }
  }

  /**
   * The member says something to everyone, unless the room is already that far behind (each
   * connection's rate is limited, but not how many connections send at once) or shutting down.
   *
   * @param action whether it is an action, {@code /me waves}
   * @param clientId the client's own id for the line, or {@code null}
   */
  public PostResult say(Member member, String text, boolean action, String clientId) {
    return intake.say(member, text, action, clientId, null);
  }

  /**
   * As {@link #say(Member, String, boolean, String)}, in a room: {@code null} for the default
   * room, which is the only one of a client that is not a rooms client, whatever it names.
   */
  public PostResult say(Member member, String text, boolean action, String clientId, String room) {
    return intake.say(member, text, action, clientId, room);
  }

  /** The member says something to the one online under the name {@code to}. */
  public PostResult whisper(Member member, String to, String text, String clientId) {
    return intake.whisper(member, to, text, clientId);
  }

  /** The member asks for a new name. */
  public PostResult rename(Member member, String name) {
    return intake.rename(member, name);
  }

  /**
   * Tells a member that a frame of its was dropped, and why, in the order of its frames: after
   * the replies to those before it, such as the echo of its last message. An extended member gets
   * an error frame; the server log gets a line either way. Decided, counted and logged on this node
   * alone: a refusal never goes to the room's log, so in a cluster no other node hears of it.
   * Taken whatever the room's backlog: each connection's rate limit bounds how many come.
   */
  public void reject(Member member, ErrorCode code, String reason) {
    reject(member, code, reason, null);
  }

  /**
   * Answers a member's frame that the room has no part in, in the order of its frames, as a
   * refusal is told: decided on this node alone, never logged.
   */
  public void answer(Member member, dev.termchat.protocol.ServerFrame frame) {
    loop.reply(new RoomEvent.Answer(member.who(), codec.encodeServerFrame(frame)), refusals.position(member.who()));
  }

  /** As {@link #reject(Member, ErrorCode, String)}, for a line the client gave this id. */
  public void reject(Member member, ErrorCode code, String reason, String clientId) {
    loop.reply(new RoomEvent.Refuse(member.who(), code, reason, clientId), refusals.position(member.who()));
  }

  /**
   * The member's connection is gone, for any reason but the client's own close: its name is held
   * for it for the resume window. Its last event.
   */
  public void leave(Member member, String why) {
    append(new RoomEvent.Leave(member.who(), why, false));
  }

  /**
   * A connection on another node is gone with its node: its leave, as that node would have
   * appended it. Appended by every node that notices; the room applies the second as nothing.
   */
  public void leaveGone(Who who, String why) {
    append(new RoomEvent.Leave(who, why, false));
  }

  /**
   * The shared log may have lost entries that the other nodes relied on: this node appends its
   * roster, and asks the others for theirs.
   */
  public void sayWhoIsHere() {
    loop.announce();
  }

  /**
   * A change to the member's account, its password checked (and the account kept) by the caller:
   * every node applies it at one point of the log, and the member is answered there.
   */
  public void accountChanged(Member member, String name, RoomEvent.Account.Change change) {
    // A login or a register renews the session's token: one seen before it resumes nothing.
    boolean renews = member.dialect().extended() && change != RoomEvent.Account.Change.PASSWORD;
    append(new RoomEvent.Account(member.who(), name, change, renews ? issue() : null));
  }

  /**
   * A login checked by the caller: what was kept for the account goes to the member first, and
   * then {@code login} runs (it appends the login); see {@link OfflineMail#deliverThen}.
   */
  public void deliverKeptThen(Member member, String account, Runnable login) {
    registry.accounts().mail().deliverThen(dev.termchat.protocol.NameKeys.keyOf(account), member.who(), login);
  }

  /** Where private messages to registered users who are offline are kept. Before {@link #start}. */
  public void offlineMail(OfflineMail mail) {
    registry.accounts().mail(mail);
  }

  /** As {@link #answer(Member, dev.termchat.protocol.ServerFrame)}, to a connection of this node by who it is. */
  public void answer(Who who, dev.termchat.protocol.ServerFrame frame) {
    loop.reply(new RoomEvent.Answer(who, codec.encodeServerFrame(frame)), refusals.position(who));
  }

  /** Names registered as accounts before this start: reserved from the first entry on. Before {@link #start}. */
  public void reserveAccounts(java.util.Collection<String> names) {
    names.forEach(registry.accounts()::reserve);
  }

  /** The key of the account the connection is logged in to, or {@code null}; any thread. */
  public String accountOf(Who who) {
    return registry.accounts().of(who);
  }

  /** Whether the name is registered as an account, or looks like one that is; any thread. */
  public boolean isAccount(String name) {
    return registry.accounts().reserved(name);
  }

  /** The name the connection is registered under now, or {@code null}; any thread. */
  public String nameOf(Who who) {
    return registry.nameOf(who);
  }

  /** Who is registered, on any node, in join order. */
  public List<Who> members() {
    return registry.members();
  }

  /** The member's client closed its connection on purpose: its session ends. Its last event. */
  public void quit(Member member, String why) {
    append(new RoomEvent.Leave(member.who(), why, true));
  }

  /**
   * Appends an event to the log; one that it cannot take is undone or refused on this node, and
   * its sender told, as one it took and then lost would be.
   */
  private boolean append(RoomEvent event) {
    refusals.appending(event);
    if (!roomLog.append(event)) {
      loop.lost(event);
      return false;
    }
    return true;
  }

  /**
   * Appends an event that was counted as appended when it was staged ({@link FollowedRooms}): on
   * the room thread, after the connection's events before it.
   */
  private void forward(RoomEvent event) {
    if (!roomLog.append(event)) {
      loop.lost(event);
    }
  }

  /**
   * The archive's answer to a scrollback or search, from whichever thread it completed on: told
   * behind the connection's replies already waiting, which the question came after.
   */
  private void archived(RoomEvent answer) {
    loop.reply(answer, 0);
  }

  /** A staged event that went nowhere: the replies behind it are told. */
  private void settled(RoomEvent event) {
    refusals.settled(event);
  }

  /** Whether the room's log takes events now: a cluster's Redis is within reach. */
  public boolean logReachable() {
    return roomLog.reachable();
  }

  /** Events waiting for the room's thread. */
  public int backlog() {
    return loop.backlog();
  }

  /** Everyone online, in join order. */
  public List<String> names() {
    return registry.names();
  }

  /**
   * Turns away messages and joins from now on, and completes once everything taken before has
   * been applied and its frames queued and flushed to their recipients.
   */
  public CompletableFuture<Void> drain() {
    draining = true;
    return loop.drain();
  }

  /** Stops the room thread after it applied what is already queued, and the log. Idempotent. */
  @Override
  public void close() {
    draining = true;
    loop.stop();
    bans.close();
    deletions.close();
    roomLog.close();
  }

  /** How the room's doors reach it, without opening the rest of it to everyone. */
  private final class Access implements RoomAccess {
    @Override
    public boolean draining() {
      return draining;
    }

    @Override
    public boolean append(RoomEvent event) {
      if (roomLog.roomsApart() && FollowedRooms.staged(event)) {
        // Through the room thread, in the order of the connection's frames: a line is judged on
        // its sender's node, and an entry waits for its room's log to be read.
        long after = refusals.position(event.who());
        refusals.appending(event);
        loop.reply(event, after);
        return true;
      }
      return ChatRoom.this.append(event);
    }

    @Override
    public void reject(Member member, ErrorCode code, String reason, String clientId) {
      ChatRoom.this.reject(member, code, reason, clientId);
    }

    @Override
    public void reply(Member member, RoomEvent local) {
      loop.reply(local, refusals.position(member.who()));
    }

    @Override
    public int backlog() {
      return loop.backlog();
    }

    @Override
    public long waitingChars() {
      return loop.waitingChars();
    }
  }
}
