package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.ProtocolException;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;

/**
 * A chat session that outlives its connections: it registers on every connection, and when an
 * established connection drops it reconnects with backoff and registers again under the same
 * name. Thread-safe; called from the console reader, the connections' listener threads and the
 * reconnect timer.
 */
final class ChatSession implements ConnectionListener {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration REGISTRATION_WAIT = Duration.ofSeconds(2);
  /** Lines typed or piped that may wait to be sent before the reader waits too. */
  private static final int MAX_WAITING_LINES = 1000;

  private enum State {
    CONNECTING,
    OPEN,
    WAITING_TO_RECONNECT,
    CLOSED
  }

  /** The error codes with which the server refuses a line this client sent. */
  private static final Set<String> REFUSES_A_LINE =
      Set.of(
          ErrorCode.RATE_LIMITED.wireName(),
          ErrorCode.MESSAGE_TOO_LONG.wireName(),
          ErrorCode.EMPTY_MESSAGE.wireName(),
          ErrorCode.NOT_REGISTERED.wireName(),
          ErrorCode.UNAVAILABLE.wireName());

  private final ConnectionSettings settings;
  private final ChatView view;
  private final Backoff backoff;
  private final ScheduledExecutorService timer;
  private final FrameCodec codec = new FrameCodec();
  private final CountDownLatch closedForGood = new CountDownLatch(1);
  private final CountDownLatch registered = new CountDownLatch(1);
  /** Whether a close began, and when it is over; a second close waits for the first. */
  private final AtomicBoolean closeStarted = new AtomicBoolean();
  private final CountDownLatch closeFinished = new CountDownLatch(1);

  // All guarded by this.
  private State state = State.CONNECTING;
  private ServerConnection connection;
  /** The name to register under: the one asked for, then the one the server gave. */
  private String name;
  /** The name sent in this connection's register frame. */
  private String requestedOnThisConnection;
  private boolean everOpened;
  private boolean reconnected;
  private boolean announced;
  private boolean extensionActive;
  private boolean presenceEvents;
  private List<String> shownUsers;
  private int attempt;
  private ScheduledFuture<?> pendingReconnect;
  /** Lines typed, and what became of them. */
  private final Outbox outbox = new Outbox();
  /** How fast lines go out: within the rate the server names in its welcome, or its default. */
  private Pace pace = Pace.standard(System.nanoTime());
  private ScheduledFuture<?> pendingSend;
  /** Whether the user was told that lines typed now wait for a connection. */
  private boolean toldWaiting;
  /** When the last open connection was lost. */
  private long lostAt = System.nanoTime();
  /** When a line last went out or got an outcome, or a connection opened. */
  private long lastProgress = System.nanoTime();

  ChatSession(
      ConnectionSettings settings,
      String name,
      ChatView view,
      Backoff backoff,
      ScheduledExecutorService timer) {
    this.settings = settings;
    this.name = name;
    this.view = view;
    this.backoff = backoff;
    this.timer = timer;
  }

  /**
   * Connects for the first time and registers.
   *
   * @return why it could not connect, or empty once connected
   */
  Optional<String> start() throws InterruptedException {
    ServerConnection first;
    synchronized (this) {
      first = new ServerConnection(settings, this);
      connection = first;
    }
    if (first.connectBlocking(settings.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
      // Registered means named and shown who is online: a server of ours confirms the name at
      // once and the users list follows; a base one may only say so in its next users list, so
      // this waits a little, not for ever.
      registered.await(REGISTRATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.empty();
    }
    synchronized (this) {
      state = State.CLOSED;
    }
    if (!first.ended()) {
      first.closeConnection(CloseFrame.NEVER_CONNECTED, "gave up");
      return Optional.of("no answer within " + settings.connectTimeout().toSeconds() + " s");
    }
    return Optional.of(first.failureDescription());
  }

  /**
   * Sends a line to everyone, in order after those before it, as fast as the server's rate limit
   * allows; while there is no connection, it waits for the next one.
   */
  synchronized void say(String text) throws InterruptedException {
    int length = text.codePointCount(0, text.length());
    if (length > Wire.DEFAULT_MAX_MESSAGE_CHARS) {
      outbox.tooLong();
      view.info(
          "not sent: a message is at most " + Wire.DEFAULT_MAX_MESSAGE_CHARS + " characters; this one has " + length);
      return;
    }
    // Piped input can be read far faster than it can be sent: hold the reader back instead of
    // holding all of it in memory.
    while (outbox.waiting() >= MAX_WAITING_LINES && state != State.CLOSED) {
      wait();
    }
    outbox.add(text);
    if (!registeredNow() && !toldWaiting) {
      toldWaiting = true;
      view.info("not connected: lines you type now are sent once reconnected");
    }
    sendWaiting();
  }

  /**
   * Waits until every line typed has an outcome: delivered (the server echoed it), refused, or
   * lost with a connection. Piped input ends right after its last line, and leaving at once
   * would cut lines still waiting, or their echoes, off. Gives up once nothing has happened for
   * the time given.
   *
   * @return what became of every line
   */
  synchronized Outbox.Report awaitDelivery(Duration patience) throws InterruptedException {
    while (!outbox.settled() && state != State.CLOSED) {
      long left = lastProgress + patience.toNanos() - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return outbox.report();
  }

  /** Whether lines may go out now: connected, and registered on this connection. Guarded by this. */
  private boolean registeredNow() {
    return state == State.OPEN && announced;
  }

  /** Sends what waits, as the pace allows; what it does not allow goes out later. Guarded by this. */
  private void sendWaiting() {
    while (registeredNow() && outbox.hasWaiting()) {
      long now = System.nanoTime();
      if (!pace.tryTake(now)) {
        if (pendingSend == null || pendingSend.isDone()) {
          pendingSend = timer.schedule(this::sendLater, pace.nanosUntilNext(now), TimeUnit.NANOSECONDS);
        }
        return;
      }
      String line = outbox.takeNext();
      try {
        // Sent while holding the lock, so lines go out in the order they were typed.
        connection.send(codec.encodeClientFrame(new SendMessage(line)));
      } catch (WebsocketNotConnectedException e) {
        return; // Closing: the close callback counts the line as unconfirmed.
      }
      progress();
    }
  }

  private synchronized void sendLater() {
    pendingSend = null; // This run is not done yet, and may have to schedule the next.
    sendWaiting();
  }

  /** Guarded by this. */
  private void progress() {
    lastProgress = System.nanoTime();
    notifyAll();
  }

  /** Lines typed that wait to be sent. */
  synchronized int pendingLines() {
    return outbox.waiting();
  }

  /** Who is online, or empty when not connected and so not known. */
  /** Whether a connection is open now. */
  synchronized boolean connected() {
    return state == State.OPEN;
  }

  synchronized Optional<List<String>> users() {
    return state == State.OPEN && shownUsers != null ? Optional.of(shownUsers) : Optional.empty();
  }

  /**
   * Closes the connection cleanly and stops reconnecting. Idempotent, and a second caller waits
   * for the first to finish: end of input and Ctrl-C can close at once, and the process must not
   * exit while the close handshake is still under way.
   */
  void close() throws InterruptedException {
    if (closeStarted.getAndSet(true)) {
      closeFinished.await(CLOSE_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return;
    }
    try {
      ServerConnection current;
      synchronized (this) {
        state = State.CLOSED;
        current = connection;
        if (pendingReconnect != null) {
          pendingReconnect.cancel(false);
        }
        notifyAll();
      }
      timer.shutdownNow();
      if (current != null && !current.isClosed()) {
        current.close(CloseFrame.NORMAL, "bye");
        if (!closedForGood.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          current.closeConnection(CloseFrame.NORMAL, "no answer to close");
        }
      }
    } finally {
      closeFinished.countDown();
    }
  }


  @Override
  public void opened(ServerConnection opened) {
    synchronized (this) {
      if (opened != connection || state == State.CLOSED) {
        return;
      }
      reconnected = everOpened;
      everOpened = true;
      progress();
      announced = false;
      extensionActive = false;
      presenceEvents = false;
      shownUsers = null;
      attempt = 0;
      requestedOnThisConnection = name;
      // Queued before any line the user types on this connection, so the server has a name for
      // the sender by the time the first message arrives.
      opened.send(codec.encodeClientFrame(new Register(name)));
      state = State.OPEN;
    }
  }

  @Override
  public void received(ServerConnection from, String text) {
    ServerFrame frame;
    try {
      frame = codec.decodeServerFrame(text);
    } catch (ProtocolException e) {
      // A newer server may send types this client does not know; like YewChat, skip them.
      return;
    }
    synchronized (this) {
      if (from != connection || state != State.OPEN) {
        return;
      }
      if (frame instanceof Welcome welcome) {
        extensionActive = Wire.SUBPROTOCOL.equals(welcome.protocol());
        presenceEvents = extensionActive && welcome.capabilities().contains(Wire.CAPABILITY_PRESENCE);
        if (extensionActive) {
          pace =
              new Pace(
                  welcome.parameter(Wire.CAPABILITY_RATE).orElse(Pace.DEFAULT_RATE),
                  welcome.parameter(Wire.CAPABILITY_BURST).orElse(Pace.DEFAULT_BURST),
                  System.nanoTime());
        }
      } else if (frame instanceof Register register && register.name() != null) {
        name = register.name();
        announce();
      } else if (frame instanceof Users users) {
        // A base server never confirms the name; its first users list is as good as it gets.
        announce();
        showUsers(users.names());
      } else if (frame instanceof Presence presence && presenceEvents && shownUsers != null) {
        for (String who : presence.names()) {
          if (presence.joined()) {
            view.joined(who);
          } else {
            view.left(who);
          }
        }
      } else if (frame instanceof ChatMessage message) {
        boolean own = message.from().equals(name);
        view.message(message, own);
        if (own) {
          outbox.echoed();
          progress();
        }
      } else if (frame instanceof ErrorReply error && extensionActive) {
        view.serverError(error);
        if (REFUSES_A_LINE.contains(error.code())) {
          outbox.refused();
          progress();
        }
      }
    }
  }

  @Override
  public void closed(ServerConnection closed, int code, String reason, Exception failure) {
    synchronized (this) {
      if (closed != connection) {
        return;
      }
      if (state == State.CLOSED) {
        closedForGood.countDown();
        return;
      }
      if (!everOpened) {
        return; // start() reports it.
      }
      if (state == State.OPEN) {
        view.connectionLost(reason == null ? "" : reason);
      }
      int before = outbox.report().unconfirmed();
      outbox.connectionLost();
      int lost = outbox.report().unconfirmed() - before;
      if (lost > 0) {
        view.info(lost + (lost == 1 ? " line" : " lines") + " sent just before may not have reached anyone");
        progress();
      } else {
        notifyAll(); // Not progress: a failed attempt to reconnect must not keep a pipe waiting.
      }
      if (state == State.OPEN) {
        lostAt = System.nanoTime();
      }
      String why = state == State.CONNECTING ? ConnectFailures.describe(code, reason, failure) : "";
      state = State.WAITING_TO_RECONNECT;
      attempt++;
      Duration delay = backoff.delayBefore(attempt);
      view.reconnecting(delay, attempt, why, Duration.ofNanos(System.nanoTime() - lostAt));
      pendingReconnect = timer.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Tries to reconnect at once, when waiting to; says so when there is nothing to do. */
  synchronized void reconnectNow() {
    if (state != State.WAITING_TO_RECONNECT) {
      view.info(state == State.OPEN ? "already connected" : "already connecting");
      return;
    }
    if (pendingReconnect != null) {
      pendingReconnect.cancel(false);
    }
    view.info("reconnecting now");
    pendingReconnect = timer.schedule(this::reconnect, 0, TimeUnit.MILLISECONDS);
  }

  private void reconnect() {
    ServerConnection next;
    synchronized (this) {
      if (state != State.WAITING_TO_RECONNECT) {
        return;
      }
      state = State.CONNECTING;
      next = new ServerConnection(settings, this);
      connection = next;
    }
    next.connect();
  }

  /**
   * The first list of a connection is shown whole; after that, joins and leaves are shown as
   * they come, from the server's presence events where it sends them, else from the difference
   * between this list and the last. Guarded by this.
   */
  private void showUsers(List<String> names) {
    List<String> previous = shownUsers;
    shownUsers = names;
    if (previous == null) {
      view.users(names);
      registered.countDown();
    } else if (!presenceEvents) {
      Set<String> before = new HashSet<>(previous);
      Set<String> after = new HashSet<>(names);
      previous.stream().filter(who -> !after.contains(who)).forEach(view::left);
      names.stream().filter(who -> !before.contains(who)).forEach(view::joined);
    }
  }

  /** Guarded by this. */
  private void announce() {
    if (!announced) {
      announced = true;
      toldWaiting = false;
      view.connected(name, requestedOnThisConnection, reconnected);
      sendWaiting();
    }
  }
}
