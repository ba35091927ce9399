package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Wire;
import dev.termchat.server.metrics.ChatMeters;
import dev.termchat.server.room.MessageChecks.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  /**
   * Past either bound, messages are turned away (joins and leaves never are), so that the room
   * falling behind cannot take the heap with it: at most this many events, and at most this many
   * characters of message text, wait in all.
   */
  static final int MAX_WAITING_EVENTS = 100_000;
  static final long MAX_WAITING_CHARS = 8_000_000;

  /** What became of a message, or a change of name, handed to the room. */
  public enum PostResult {
    /** It will be applied, in order. */
    ACCEPTED,
    /** The room is too far behind; it was not taken. */
    BUSY,
    /** The room is shutting down; it was not taken. */
    STOPPING,
    /** It was refused on this node, and its sender told why, in the order of its frames. */
    REFUSED
  }

  private final RoomLog roomLog;
  private final boolean keepsHistory;
  private final int maxRoomsPerConnection;
  private final ChatMeters meters;
  private final UserRegistry registry = new UserRegistry();
  private final Delivery delivery;
  private final ReplyOrder refusals;
  private final RoomLoop loop;
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
    this.meters = meters;
    this.keepsHistory = settings.historySize() > 0;
    this.maxRoomsPerConnection = settings.maxRoomsPerConnection();
    this.roomLog = roomLog;
    this.delivery = new Delivery(codec, System::nanoTime);
    HistoryBudget budget = HistoryBudget.forRooms(settings.historySize(), Wire.DEFAULT_MAX_MESSAGE_CHARS);
    DefaultRoom general = new DefaultRoom(registry, new MessageHistory(settings.historySize(), RoomNames.DEFAULT_ROOM, budget));
    UsersList users = new UsersList(general, delivery, System::nanoTime);
    RoomDirectory rooms =
        new RoomDirectory(general, settings.historySize(), settings.maxRooms(), settings.maxRoomsPerConnection(), budget);
    RoomRules rules = new RoomRules(settings, registry, delivery, users, rooms, this::append, issued, meters);
    this.refusals = new ReplyOrder(rules::local, System::nanoTime);
    this.loop = new RoomLoop(rules, users, delivery, refusals, this::append, fatal);
  }

  /** The most rooms one connection may be in, the default one included. */
  public int maxRoomsPerConnection() {
    return maxRoomsPerConnection;
  }

  /** Whether the room keeps messages for those who join or come back. */
  public boolean keepsHistory() {
    return keepsHistory;
  }

  public void start() {
    roomLog.start(
        new RoomLog.Listener() {
          @Override
          public void entry(LogEntry entry) {
            loop.entry(entry);
          }

          @Override
          public void lost(RoomEvent event) {
            loop.lost(event);
          }

          @Override
          public void mayHaveLost() {
            sayWhoIsHere();
          }
        });
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
      RoomRequests.enterAll(member.who(), register, history, maxRoomsPerConnection).forEach(request -> request(member, request));
    }
  }

  /**
   * A rooms client asks to enter a room, made if no one is in it.
   *
   * @param history how many of its latest messages to be sent, from the join frame
   */
  public void enter(Member member, String room, int history) {
    if (!draining) {
      int count = Math.max(0, Math.min(RoomSettings.JOIN_HISTORY, history));
      request(member, RoomRequests.enter(member.who(), room, count, null, false));
    }
  }

  /** A rooms client asks to leave a room. */
  public void part(Member member, String room) {
    if (!draining) {
      request(member, RoomRequests.exit(member.who(), room));
    }
  }

  /** A rooms client sets the topic of a room it is in; empty clears it. */
  public void topic(Member member, String room, String topic) {
    if (!draining) {
      request(member, RoomRequests.topic(member.who(), room, topic));
    }
  }

  /** A rooms client asks which rooms there are: answered here, in the order of its frames. */
  public void listRooms(Member member) {
    loop.reply(new RoomEvent.ListRooms(member.who()), refusals.position(member.who()));
  }

  private void request(Member member, RoomRequests.Request request) {
    if (request.event() != null) {
      append(request.event());
    } else {
      reject(member, request.refusal().code(), request.refusal().reason());
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
    return say(member, text, action, clientId, null);
  }

  /**
   * As {@link #say(Member, String, boolean, String)}, in a room: {@code null} for the default
   * room, which is the only one of a client that is not a rooms client, whatever it names.
   */
  public PostResult say(Member member, String text, boolean action, String clientId, String room) {
    Optional<Refusal> refusal = registered(member) ? MessageChecks.ofText(text) : Optional.empty();
    if (refusal.isPresent()) {
      return counted(refused(member, refusal.get(), clientId));
    }
    String target = null;
    if (room != null && member.dialect() == Dialect.ROOMS) {
      Optional<String> named = RoomRequests.room(room);
      if (named.isEmpty()) {
        String shown = RoomReplies.quoted(RoomRequests.bounded(room));
        return counted(refused(member, new Refusal(ErrorCode.NOT_IN_ROOM, "you are not in " + shown + "; message not delivered"), clientId));
      }
      target = named.get();
    }
    return counted(post(new RoomEvent.Say(member.who(), text, action, clientId, target), text.length()));
  }

  /** The member says something to the one online under the name {@code to}. */
  public PostResult whisper(Member member, String to, String text, String clientId) {
    Optional<Refusal> refusal =
        registered(member) ? MessageChecks.ofText(text).or(() -> MessageChecks.ofRecipient(registry, to)) : Optional.empty();
    if (refusal.isPresent()) {
      return counted(refused(member, refusal.get(), clientId));
    }
    return counted(post(new RoomEvent.Whisper(member.who(), to, text, clientId), text.length()));
  }

  /**
   * Whether the member is registered as this node sees it now. Until then, its messages go to
   * the log behind its register, and are judged where the log hands them back.
   */
  private boolean registered(Member member) {
    return registry.entryOf(member.who()) != null;
  }

  /** A message this node refuses before the log sees it, told in the order of the member's frames. */
  private PostResult refused(Member member, Refusal refusal, String clientId) {
    if (draining) {
      return PostResult.STOPPING;
    }
    reject(member, refusal.code(), refusal.reason(), clientId);
    return PostResult.REFUSED;
  }

  /** A message taken from a client counts in, whether said or refused (OPERATIONS.md). */
  private PostResult counted(PostResult result) {
    if (result == PostResult.ACCEPTED || result == PostResult.REFUSED) {
      meters.messageIn();
    }
    return result;
  }

  /** The member asks for a new name. */
  public PostResult rename(Member member, String name) {
    return post(new RoomEvent.Rename(member.who(), name), name.length());
  }

  private PostResult post(RoomEvent event, int chars) {
    if (draining) {
      return PostResult.STOPPING;
    }
    if (loop.backlog() >= MAX_WAITING_EVENTS || loop.waitingChars() + chars > MAX_WAITING_CHARS) {
      return PostResult.BUSY;
    }
    append(event);
    return PostResult.ACCEPTED;
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
    roomLog.close();
  }
}
