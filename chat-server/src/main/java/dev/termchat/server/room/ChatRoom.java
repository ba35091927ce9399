package dev.termchat.server.room;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.server.log.LogThrottle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat room: registrations, messages and departures are applied one at a time, in arrival
 * order, on the room's own thread, and every frame they cause is queued to the recipients before
 * the next one is applied.
 *
 * <p>That single order is what keeps strict clients alive: each client sees a users list naming a
 * sender before any message from that sender, and never an older users list after a newer one.
 * It also lets the room coalesce: a burst of joins produces one users list, not one per join.
 *
 * <p>Callers on other threads only enqueue, so they never block. For each member, {@link #leave}
 * must be its last event.
 */
public final class ChatRoom implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);
  /** Dropped frames are a client's doing: logged up to this many a second, then summed up. */
  private static final int DROPS_LOGGED_PER_SECOND = 50;
  private static final int MAX_BATCH = 1024;
  /**
   * Past either bound, messages are turned away (joins and leaves never are), so that the room
   * falling behind cannot take the heap with it: at most this many events, and at most this many
   * characters of message text, wait in all.
   */
  static final int MAX_WAITING_EVENTS = 100_000;
  static final long MAX_WAITING_CHARS = 8_000_000;
  /**
   * Users lists go out at once when the room is quiet; while people keep joining and leaving,
   * at most every 50 ms, or less often when sending one to everyone takes long: the room spends
   * at most a fifth of its time on them. A wave of ten thousand joins then costs a handful of
   * lists, not ten thousand, each to everyone. A message still forces a list that is due out
   * first.
   */
  private static final long MIN_USERS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long MAX_USERS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final int USERS_TIME_SHARE = 5;

  /** What became of a message handed to {@link #post}. */
  public enum PostResult {
    /** It will be applied, in order. */
    ACCEPTED,
    /** The room is too far behind; it was not taken. */
    BUSY,
    /** The room is shutting down; it was not taken. */
    STOPPING
  }

  private final FrameCodec codec;
  private final Clock clock;
  private final RoomSettings settings;
  private final Consumer<Throwable> fatal;
  private final UserRegistry registry = new UserRegistry();
  private final BlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
  private final AtomicLong waitingChars = new AtomicLong();
  private final Thread thread;

  /** Set once a drain begins; from then on messages and joins are turned away. */
  private volatile boolean draining;

  private final LogThrottle dropLog = new LogThrottle(DROPS_LOGGED_PER_SECOND, "dropped frames", log::info);

  /**
   * Whether the drain point has been applied: messages and joins that slipped into the inbox
   * behind it are refused, not applied. Confined to the room thread.
   */
  private boolean drained;

  /** Whether the users list changed since it was last sent. Confined to the room thread. */
  private boolean usersChanged;

  /** When the last users list went out, and the least time before the next. Room thread only. */
  private long lastUsersSent = System.nanoTime() - MIN_USERS_INTERVAL_NANOS;
  private long usersInterval = MIN_USERS_INTERVAL_NANOS;

  /** Members with frames queued in this batch, to write at its end. Confined to the room thread. */
  private final List<Member> toFlush = new ArrayList<>();

  /** Joins and leaves since the users list was last sent, in order. Confined to the room thread. */
  private final PresenceLog presence = new PresenceLog();

  private sealed interface Event permits Join, Post, Reject, Leave, Drain, Stop {}

  private record Join(Member member, String requestedName) implements Event {}

  private record Post(Member member, String text, long receivedAt) implements Event {}

  private record Reject(Member member, ErrorCode code, String reason) implements Event {}

  private record Leave(Member member, String why) implements Event {}

  private record Drain(CompletableFuture<Void> done) implements Event {}

  private record Stop() implements Event {}

  /**
   * @param clock the time stamped on messages
   * @param fatal told of an error the room cannot go on after, such as running out of memory
   */
  public ChatRoom(FrameCodec codec, Clock clock, RoomSettings settings, Consumer<Throwable> fatal) {
    this.codec = codec;
    this.clock = clock;
    this.settings = settings;
    this.fatal = fatal;
    this.thread = new Thread(this::run, "chat-room");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Whether the room's thread is running. */
  public boolean running() {
    return thread.isAlive();
  }

  /** The member asks to join under a name, {@code null} for a guest name. */
  public void join(Member member, String requestedName) {
    if (!draining) {
      inbox.add(new Join(member, requestedName));
    }
  }

  /**
   * The member says something to everyone, unless the room is already that far behind (each
   * connection's rate is limited, but not how many connections send at once) or shutting down.
   */
  public PostResult post(Member member, String text) {
    if (draining) {
      return PostResult.STOPPING;
    }
    if (inbox.size() >= MAX_WAITING_EVENTS || waitingChars.get() + text.length() > MAX_WAITING_CHARS) {
      return PostResult.BUSY;
    }
    waitingChars.addAndGet(text.length());
    inbox.add(new Post(member, text, clock.millis()));
    return PostResult.ACCEPTED;
  }

  /** The member's connection is gone, for whatever reason; its last event. */
  public void leave(Member member, String why) {
    inbox.add(new Leave(member, why));
  }

  /**
   * Tells a member that a frame of its was dropped, and why, in the order of its frames: after
   * the replies to those before it, such as the echo of its last message. An extended member gets
   * an error frame; the log gets a line either way. Taken whatever the room's backlog: each
   * connection's rate limit bounds how many come.
   */
  public void reject(Member member, ErrorCode code, String reason) {
    inbox.add(new Reject(member, code, reason));
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

  /** Stops the room thread after it applied what is already queued. Idempotent. */
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
  }

  private void run() {
    List<Event> batch = new ArrayList<>(MAX_BATCH);
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
          toFlush.clear();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Error e) {
      // Out of memory, or worse: the room cannot go on, and a server without one must stop.
      fatal.accept(e);
    }
  }

  /** Applies one batch of events and sends what they caused; false once stopped. */
  private boolean turn(List<Event> batch) throws InterruptedException {
    Event first;
    if (usersChanged) {
      // A users list is due: wait for events only until it may go out.
      long wait = lastUsersSent + usersInterval - System.nanoTime();
      first = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
    } else {
      first = inbox.take();
    }
    if (first != null) {
      batch.add(first);
      inbox.drainTo(batch, MAX_BATCH - 1);
    }
    boolean stop = false;
    for (Event event : batch) {
      if (event instanceof Stop) {
        stop = true;
        break;
      }
      if (event instanceof Drain drain) {
        drained = true;
        sendUsersIfChanged();
        flushQueued();
        drain.done().complete(null);
      } else {
        apply(event);
      }
    }
    batch.clear();
    if (usersChanged && System.nanoTime() - lastUsersSent >= usersInterval) {
      sendUsersIfChanged();
    }
    flushQueued();
    return !stop;
  }

  private void apply(Event event) {
    try {
      if (event instanceof Join join) {
        applyJoin(join);
      } else if (event instanceof Post post) {
        waitingChars.addAndGet(-post.text().length());
        applyPost(post);
      } else if (event instanceof Reject reject) {
        refuse(reject.member(), reject.code(), reject.reason());
      } else if (event instanceof Leave leave) {
        applyLeave(leave);
      }
    } catch (RuntimeException e) {
      // A bug in handling one event must not stop the room for everyone.
      log.error("Failed to apply {}", event, e);
    }
  }

  private void applyJoin(Join join) {
    Member member = join.member();
    if (drained) {
      refuse(member, ErrorCode.UNAVAILABLE, "the server is shutting down");
      return;
    }
    String current = registry.nameOf(member);
    if (current != null) {
      refuse(member, ErrorCode.ALREADY_REGISTERED, "already registered as " + current);
      return;
    }
    String name = registry.claim(member, acceptableName(member, join.requestedName()));
    member.registeredAs(name);
    sendTo(member, new Register(name));
    usersChanged = true;
    presence.joined(name);
    log.info("{} joined from {}", Printable.escape(name), member.address());
  }

  /** The normalized name asked for, or {@code null} for a guest name when it is not usable. */
  private String acceptableName(Member member, String requestedName) {
    String requested = NameRules.normalize(requestedName);
    if (requested == null) {
      return null;
    }
    Optional<String> problem =
        NameRules.problem(requested).or(() -> registry.reservation(requested));
    if (problem.isPresent()) {
      // Refusing would leave a base client, which cannot be told why, unable to chat at all.
      if (dropLog.allow()) {
        log.info("{} asked for a name it may not have: {}", member.address(), Printable.escape(problem.get()));
      }
      tell(member, ErrorCode.INVALID_NAME, problem.get() + "; joining as a guest instead");
      return null;
    }
    return requested;
  }

  private void applyPost(Post post) {
    Member sender = post.member();
    if (drained) {
      // Taken just as the drain began, but behind its point: it is refused, not half delivered.
      refuse(sender, ErrorCode.UNAVAILABLE, "the server is shutting down; message not delivered");
      return;
    }
    String name = registry.nameOf(sender);
    if (name == null) {
      refuse(sender, ErrorCode.NOT_REGISTERED, "register before sending messages");
      return;
    }
    if (post.text().isEmpty()) {
      refuse(sender, ErrorCode.EMPTY_MESSAGE, "a message needs text");
      return;
    }
    // Recipients must know the sender before they see its message.
    sendUsersIfChanged();
    String address = settings.shareAddresses() ? sender.address() : null;
    ChatMessage message = new ChatMessage(name, post.text(), post.receivedAt(), address);
    broadcast(OutgoingFrame.forBroadcast(codec.encodeServerFrame(message)));
  }

  private void applyLeave(Leave leave) {
    String name = registry.release(leave.member());
    if (name != null) {
      usersChanged = true;
      presence.left(name);
      log.info("{} left from {} ({})", Printable.escape(name), leave.member().address(), leave.why());
    }
    leave.member().left();
  }

  private void sendUsersIfChanged() {
    if (usersChanged) {
      usersChanged = false;
      long started = System.nanoTime();
      lastUsersSent = started;
      List<Member> members = registry.members();
      for (Presence change : presence.drain()) {
        OutgoingFrame frame = OutgoingFrame.forBroadcast(codec.encodeServerFrame(change));
        for (Member member : members) {
          if (member.extended()) {
            queue(member, frame);
          }
        }
      }
      broadcast(OutgoingFrame.usersList(codec.encodeServerFrame(new Users(registry.names()))));
      flushQueued();
      long took = System.nanoTime() - started;
      usersInterval =
          Math.min(MAX_USERS_INTERVAL_NANOS, Math.max(MIN_USERS_INTERVAL_NANOS, took * USERS_TIME_SHARE));
    }
  }

  /** A frame of the member's was dropped: a log line, and the reason to an extended member. */
  private void refuse(Member member, ErrorCode code, String reason) {
    if (dropLog.allow()) {
      log.info("Dropped a frame from {}: {}", describe(member), Printable.escape(reason));
    }
    tell(member, code, reason);
  }

  private void tell(Member member, ErrorCode code, String reason) {
    if (member.extended()) {
      sendTo(member, ErrorReply.of(code, reason));
    }
  }

  /** Sends a frame to one member at once, unless it is beyond what that member understands. */
  private void sendTo(Member member, ServerFrame frame) {
    if (member.extended() || frame.isBase()) {
      if (member.enqueue(OutgoingFrame.of(codec.encodeServerFrame(frame)))) {
        member.flush();
      }
    }
  }

  /**
   * Queues the frame for everyone; it is written when the batch of events is done, so that a
   * recipient gets every frame of the batch in one system call. When the room keeps up, a batch
   * is one event and nothing waits; when it falls behind, batches grow and each write carries
   * more frames, which is what lets it catch up.
   */
  private void broadcast(OutgoingFrame frame) {
    for (Member member : registry.members()) {
      queue(member, frame);
    }
  }

  private void queue(Member member, OutgoingFrame frame) {
    if (member.enqueue(frame)) {
      toFlush.add(member);
    }
  }

  private void flushQueued() {
    for (Member member : toFlush) {
      member.flush();
    }
    toFlush.clear();
  }

  private String describe(Member member) {
    String name = registry.nameOf(member);
    return name == null ? member.address() : Printable.escape(name) + " (" + member.address() + ")";
  }
}
