package dev.termchat.server;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * <p>Callers on Java-WebSocket's worker and selector threads only enqueue, so they never block.
 */
final class ChatRoom implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);
  private static final int MAX_BATCH = 1024;
  /** Events waiting beyond this many and messages are turned away; joins and leaves never are. */
  static final int MAX_WAITING_EVENTS = 100_000;
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

  private final FrameCodec codec;
  private final Consumer<Throwable> fatal;
  private final UserRegistry registry = new UserRegistry();
  private final BlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
  private final Thread thread;

  /** Whether the users list changed since it was last sent. Confined to the room thread. */
  private boolean usersChanged;

  /** When the last users list went out, and the least time before the next. Room thread only. */
  private long lastUsersSent = System.nanoTime() - MIN_USERS_INTERVAL_NANOS;
  private long usersInterval = MIN_USERS_INTERVAL_NANOS;

  /** Members with frames queued in this batch, to write at its end. Confined to the room thread. */
  private final List<Session> toFlush = new ArrayList<>();

  /** Joins and leaves since the users list was last sent, in order. Confined to the room thread. */
  private final PresenceLog presence = new PresenceLog();

  private sealed interface Event permits Join, Post, Leave, Stop {}

  private record Join(Session session, String requestedName) implements Event {}

  private record Post(Session session, String text, long receivedAt) implements Event {}

  private record Leave(Session session, String why) implements Event {}

  private record Stop() implements Event {}

  ChatRoom(FrameCodec codec, Consumer<Throwable> fatal) {
    this.codec = codec;
    this.fatal = fatal;
    this.thread = new Thread(this::run, "chat-room");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The session asks to join under a name, {@code null} for a guest name. */
  void join(Session session, String requestedName) {
    inbox.add(new Join(session, requestedName));
  }

  /**
   * The session says something to everyone, unless the room is already that far behind: each
   * connection's rate is limited, but not how many connections send at once.
   *
   * @return false when the message was not taken
   */
  boolean post(Session session, String text) {
    if (inbox.size() >= MAX_WAITING_EVENTS) {
      return false;
    }
    inbox.add(new Post(session, text, System.currentTimeMillis()));
    return true;
  }

  /** The session's connection is gone, for whatever reason. */
  void leave(Session session, String why) {
    inbox.add(new Leave(session, why));
  }

  /** Everyone online, in join order. */
  List<String> names() {
    return registry.names();
  }

  /** Stops the room thread after it applied what is already queued. Idempotent. */
  @Override
  public void close() {
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
      throw e;
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
    for (Event event : batch) {
      if (event instanceof Stop) {
        return false;
      }
      apply(event);
    }
    batch.clear();
    if (usersChanged && System.nanoTime() - lastUsersSent >= usersInterval) {
      sendUsersIfChanged();
    }
    flushQueued();
    return true;
  }

  private void apply(Event event) {
    try {
      if (event instanceof Join join) {
        applyJoin(join);
      } else if (event instanceof Post post) {
        applyPost(post);
      } else if (event instanceof Leave leave) {
        applyLeave(leave);
      }
    } catch (RuntimeException e) {
      // A bug in handling one event must not stop the room for everyone.
      log.error("Failed to apply {}", event, e);
    }
  }

  private void applyJoin(Join join) {
    Session session = join.session();
    if (session.gone()) {
      return; // Its connection closed before the register frame was applied.
    }
    if (session.registered()) {
      session.reject(ErrorCode.ALREADY_REGISTERED, "already registered as " + session.name());
      return;
    }
    String name = registry.claim(session, acceptableName(session, join.requestedName()));
    session.send(new Register(name));
    usersChanged = true;
    presence.joined(name);
    log.info("{} joined from {}", Printable.escape(name), session.address());
  }

  /** The normalized name asked for, or {@code null} for a guest name when it is not usable. */
  private String acceptableName(Session session, String requestedName) {
    String requested = NameRules.normalize(requestedName);
    if (requested == null) {
      return null;
    }
    Optional<String> problem =
        NameRules.problem(requested).or(() -> registry.reservation(requested));
    if (problem.isPresent()) {
      // Refusing would leave a base client, which cannot be told why, unable to chat at all.
      session.reject(ErrorCode.INVALID_NAME, problem.get() + "; joining as a guest instead");
      return null;
    }
    return requested;
  }

  private void applyPost(Post post) {
    Session sender = post.session();
    if (!sender.registered() || sender.gone()) {
      sender.reject(ErrorCode.NOT_REGISTERED, "register before sending messages");
      return;
    }
    if (post.text().isEmpty()) {
      sender.reject(ErrorCode.EMPTY_MESSAGE, "a message needs text");
      return;
    }
    // Recipients must know the sender before they see its message.
    sendUsersIfChanged();
    ChatMessage message =
        new ChatMessage(sender.name(), post.text(), post.receivedAt(), sender.address());
    broadcast(OutgoingFrame.forBroadcast(codec.encodeServerFrame(message)));
  }

  private void applyLeave(Leave leave) {
    Session session = leave.session();
    session.markGone();
    if (registry.release(session)) {
      usersChanged = true;
      presence.left(session.name());
      log.info("{} left from {} ({})", Printable.escape(session.name()), session.address(), leave.why());
    }
  }

  private void sendUsersIfChanged() {
    if (usersChanged) {
      usersChanged = false;
      long started = System.nanoTime();
      lastUsersSent = started;
      List<Session> members = registry.members();
      for (Presence change : presence.drain()) {
        OutgoingFrame frame = OutgoingFrame.forBroadcast(codec.encodeServerFrame(change));
        for (Session member : members) {
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

  /**
   * Queues the frame for everyone; it is written when the batch of events is done, so that a
   * recipient gets every frame of the batch in one system call. When the room keeps up, a batch
   * is one event and nothing waits; when it falls behind, batches grow and each write carries
   * more frames, which is what lets it catch up.
   */
  private void broadcast(OutgoingFrame frame) {
    for (Session member : registry.members()) {
      queue(member, frame);
    }
  }

  private void queue(Session member, OutgoingFrame frame) {
    if (member.enqueue(frame)) {
      toFlush.add(member);
    }
  }

  private void flushQueued() {
    for (Session member : toFlush) {
      member.flush();
    }
    toFlush.clear();
  }
}
