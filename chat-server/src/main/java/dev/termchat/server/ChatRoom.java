package dev.termchat.server;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat room: registrations, messages and departures are applied one at a time, in arrival
 * order, on the room's own thread, and every frame they cause is queued to the recipients before
 * the next one is applied.
 *
 * <p>That single order is what keeps strict clients alive: each client sees a users list naming a
 * sender before any message from that sender, and never an older users list after a newer one.
 * It also lets the room coalesce: a burst of joins applied in one batch produces one users list,
 * not one per join.
 *
 * <p>Callers on Java-WebSocket's worker and selector threads only enqueue, so they never block.
 */
final class ChatRoom implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);
  private static final int MAX_BATCH = 1024;

  private final FrameCodec codec;
  private final UserRegistry registry = new UserRegistry();
  private final BlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
  private final Thread thread;

  /** Whether the users list changed since it was last sent. Confined to the room thread. */
  private boolean usersChanged;

  /** Joins and leaves since the users list was last sent, in order. Confined to the room thread. */
  private final PresenceLog presence = new PresenceLog();

  private sealed interface Event permits Join, Post, Leave, Stop {}

  private record Join(Session session, String requestedName) implements Event {}

  private record Post(Session session, String text, long receivedAt) implements Event {}

  private record Leave(Session session, String why) implements Event {}

  private record Stop() implements Event {}

  ChatRoom(FrameCodec codec) {
    this.codec = codec;
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

  /** The session says something to everyone. */
  void post(Session session, String text) {
    inbox.add(new Post(session, text, System.currentTimeMillis()));
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
        batch.add(inbox.take());
        inbox.drainTo(batch, MAX_BATCH - 1);
        for (Event event : batch) {
          if (event instanceof Stop) {
            return;
          }
          apply(event);
        }
        batch.clear();
        sendUsersIfChanged();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
      reject(session, ErrorCode.ALREADY_REGISTERED, "already registered as " + session.name());
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
      reject(session, ErrorCode.INVALID_NAME, problem.get() + "; joining as a guest instead");
      return null;
    }
    return requested;
  }

  private void applyPost(Post post) {
    Session sender = post.session();
    if (!sender.registered() || sender.gone()) {
      reject(sender, ErrorCode.NOT_REGISTERED, "register before sending messages");
      return;
    }
    if (post.text().isEmpty()) {
      reject(sender, ErrorCode.EMPTY_MESSAGE, "a message needs text");
      return;
    }
    // Recipients must know the sender before they see its message.
    sendUsersIfChanged();
    ChatMessage message =
        new ChatMessage(sender.name(), post.text(), post.receivedAt(), sender.address());
    broadcast(OutgoingFrame.of(codec.encodeServerFrame(message)));
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
      List<Session> members = registry.members();
      for (Presence change : presence.drain()) {
        OutgoingFrame frame = OutgoingFrame.of(codec.encodeServerFrame(change));
        for (Session member : members) {
          if (member.extended()) {
            member.send(frame);
          }
        }
      }
      broadcast(OutgoingFrame.of(codec.encodeServerFrame(new Users(registry.names()))));
    }
  }

  private void broadcast(OutgoingFrame frame) {
    for (Session member : registry.members()) {
      member.send(frame);
    }
  }

  private void reject(Session session, ErrorCode code, String reason) {
    log.info("Dropped a frame from {}: {}", session.describe(), reason);
    session.send(ErrorReply.of(code, reason));
  }
}
