package dev.termchat.server.room;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Register;
import dev.termchat.server.metrics.ChatMeters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * attached} before its first event, and {@link #leave} is its last.
 */
public final class ChatRoom implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);
  private static final int MAX_BATCH = 1024;
  private static final long EXPIRY_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
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
    STOPPING
  }

  private sealed interface Task permits Apply, Lost, Announce, Drain, Stop {}

  /** An event of this node's that its log could not keep: undone or refused here alone. */
  private record Lost(RoomEvent event) implements Task {}

  /** The log may have lost entries: this node says again who is on it. */
  private record Announce() implements Task {}

  private record Apply(LogEntry entry) implements Task {}

  private record Drain(CompletableFuture<Void> done) implements Task {}

  private record Stop() implements Task {}

  private final RoomLog roomLog;
  private final boolean keepsHistory;
  private final Consumer<Throwable> fatal;
  private final ChatMeters meters;
  private final UserRegistry registry = new UserRegistry();
  private final Delivery delivery;
  private final UsersList users;
  private final RoomRules rules;
  private final BlockingQueue<Task> inbox = new LinkedBlockingQueue<>();
  /**
   * The tokens issued to this node's joining connections as the clients get them, by the sealed
   * tokens that the log carries. Until the join is applied.
   */
  private final Map<ResumeToken, ResumeToken> issued = new ConcurrentHashMap<>();
  /** Characters of message text in the inbox. */
  private final AtomicLong waitingChars = new AtomicLong();
  private final Thread thread;

  /** Set once a drain begins; from then on messages, joins and renames are turned away. */
  private volatile boolean draining;

  /** When sessions and held names were last expired. Confined to the room thread. */
  private long lastExpiry = System.nanoTime();

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
    this.roomLog = roomLog;
    this.fatal = fatal;
    this.delivery = new Delivery(codec, System::nanoTime);
    this.users = new UsersList(registry, delivery, System::nanoTime);
    this.rules = new RoomRules(settings, registry, delivery, users, this::append, issued, meters);
    this.thread = new Thread(this::run, "chat-room");
    thread.setDaemon(true);
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
            take(entry);
          }

          @Override
          public void lost(RoomEvent event) {
            inbox.add(new Lost(event));
          }

          @Override
          public void mayHaveLost() {
            sayWhoIsHere();
          }
        });
    thread.start();
  }

  /** Whether the room's thread is running. */
  public boolean running() {
    return thread.isAlive();
  }

  /** A connection on this node, which events may now name. */
  public void attach(Member member) {
    delivery.attach(member);
  }

  /** The member asks to join, with the name and options of its register frame. */
  public void join(Member member, Register register) {
    if (draining) {
      return;
    }
    Dialect dialect = member.dialect();
    boolean extended = dialect == Dialect.EXTENDED;
    int history =
        extended ? Math.max(0, Math.min(RoomSettings.JOIN_HISTORY, register.history().orElse(RoomSettings.JOIN_HISTORY))) : 0;
    RoomEvent join =
        new RoomEvent.Join(
            member.who(),
            register.name(),
            member.address(),
            dialect,
            history,
            extended ? register.resumeAfter().map(LogEntry::boundedId).orElse(null) : null,
            extended ? register.token().map(token -> ResumeToken.parse(token).orElse(ResumeToken.UNKNOWN).sealed()).orElse(null) : null,
            extended ? issue() : null);
    append(join);
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
    return counted(post(new RoomEvent.Say(member.who(), text, action, clientId), text.length()));
  }

  /** The member says something to the one online under the name {@code to}. */
  public PostResult whisper(Member member, String to, String text, String clientId) {
    return counted(post(new RoomEvent.Whisper(member.who(), to, text, clientId), text.length()));
  }

  private PostResult counted(PostResult result) {
    if (result == PostResult.ACCEPTED) {
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
    if (inbox.size() >= MAX_WAITING_EVENTS || waitingChars.get() + chars > MAX_WAITING_CHARS) {
      return PostResult.BUSY;
    }
    append(event);
    return PostResult.ACCEPTED;
  }

  /**
   * Tells a member that a frame of its was dropped, and why, in the order of its frames: after
   * the replies to those before it, such as the echo of its last message. An extended member gets
   * an error frame; the log gets a line either way. Taken whatever the room's backlog: each
   * connection's rate limit bounds how many come.
   */
  public void reject(Member member, ErrorCode code, String reason) {
    reject(member, code, reason, null);
  }

  /** As {@link #reject(Member, ErrorCode, String)}, for a line the client gave this id. */
  public void reject(Member member, ErrorCode code, String reason, String clientId) {
    append(new RoomEvent.Refuse(member.who(), code, reason, clientId));
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
    inbox.add(new Announce());
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
  private void append(RoomEvent event) {
    if (!roomLog.append(event)) {
      inbox.add(new Lost(event));
    }
  }

  /** Where the log hands its entries, in log order, on whatever thread it appends. */
  private void take(LogEntry entry) {
    waitingChars.addAndGet(textLength(entry.event()));
    inbox.add(new Apply(entry));
  }

  private static int textLength(RoomEvent event) {
    if (event instanceof RoomEvent.Say say) {
      return say.text().length();
    } else if (event instanceof RoomEvent.Whisper whisper) {
      return whisper.text().length();
    } else if (event instanceof RoomEvent.Rename rename) {
      return rename.name().length();
    }
    return 0;
  }

  /** Whether the room's log takes events now: a cluster's Redis is within reach. */
  public boolean logReachable() {
    return roomLog.reachable();
  }

  /** Events waiting for the room's thread. */
  public int backlog() {
    return inbox.size();
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
    CompletableFuture<Void> done = new CompletableFuture<>();
    draining = true;
    if (thread.isAlive()) {
      inbox.add(new Drain(done));
    } else {
      done.complete(null);
    }
    return done;
  }

  /** Stops the room thread after it applied what is already queued, and the log. Idempotent. */
  @Override
  public void close() {
    draining = true;
    if (thread.isAlive()) {
      inbox.add(new Stop());
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    roomLog.close();
  }

  private void run() {
    List<Task> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (true) {
        try {
          if (!turn(batch)) {
            return;
          }
        } catch (RuntimeException e) {
          // A bug in one turn must not stop the room for everyone; the next turn starts clean.
          log.error("The room failed to finish a turn", e);
          batch.clear();
          delivery.clearQueued();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Error e) {
      // Out of memory, or worse: the room cannot go on, and a server without one must stop.
      fatal.accept(e);
    }
  }

  /** Applies one batch of tasks and sends what they caused; false once stopped. */
  private boolean turn(List<Task> batch) throws InterruptedException {
    // A users list waiting, or messages held for one: wait for events only until it may go out.
    long wait = Math.min(users.nanosUntilWork(), EXPIRY_INTERVAL_NANOS);
    Task first = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
    if (first != null) {
      batch.add(first);
      inbox.drainTo(batch, MAX_BATCH - 1);
    }
    boolean stop = false;
    for (Task task : batch) {
      if (task instanceof Stop) {
        stop = true;
        break;
      }
      if (task instanceof Drain drain) {
        rules.drained();
        users.sendAllNow();
        delivery.flushQueued();
        drain.done().complete(null);
      } else if (task instanceof Apply apply) {
        apply(apply.entry());
      } else if (task instanceof Lost lost) {
        rules.lost(lost.event());
      } else if (task instanceof Announce) {
        append(rules.roster(true));
      }
    }
    batch.clear();
    users.endTurn();
    delivery.flushQueued();
    long now = System.nanoTime();
    if (now - lastExpiry >= EXPIRY_INTERVAL_NANOS) {
      lastExpiry = now;
      rules.expire();
    }
    return !stop;
  }

  private void apply(LogEntry entry) {
    waitingChars.addAndGet(-textLength(entry.event()));
    try {
      rules.apply(entry);
    } catch (RuntimeException e) {
      // A bug in handling one event must not stop the room for everyone.
      log.error("Failed to apply {}", entry, e);
    }
  }
}
