package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.History;
import dev.termchat.protocol.NameKeys;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Nick;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.ProtocolException;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
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
  /** Lines piped that may wait to be sent before the reader waits too. */
  private static final int MAX_WAITING_LINES = 1000;
  /**
   * Lines typed at a terminal that are kept while there is no connection; past that, a line is
   * dropped with a notice rather than blocking the person typing.
   */
  static final int MAX_TYPED_WHILE_AWAY = 100;

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
          ErrorCode.UNKNOWN_USER.wireName(),
          ErrorCode.CANNOT_RECEIVE.wireName());

  private final ConnectionSettings settings;
  /** Which server to connect to next. Guarded by this. */
  private final ServerRotation servers;
  /** Whether a person types the lines, who must never be blocked; else they are piped. */
  private final boolean interactive;
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
  /** Whether the session was ever in the room: a connection that never joined is not lost. */
  private boolean everJoined;
  private boolean reconnected;
  private boolean announced;
  /** Why the server turned this connection's register away, when it did: its words. */
  private String turnedAway;
  /** Whether the server did not know this connection's resume token: the session is new. */
  private boolean newSession;
  /** Whether the server refused the name this connection asked for as a name. */
  private boolean nameRefused;
  /** Whether this connection joined under another name, to be said once who is online is known. */
  private boolean connectedUntold;
  private boolean extensionActive;
  private boolean presenceEvents;
  /** What the server of this connection said it can do; empty for a base server. */
  private Set<String> capabilities = Set.of();
  /** The name the last /nick asked for, until the answer comes. */
  private String askedName;
  /** Why the last /nick did not get the name it asked for, to say so with the rename. */
  private String takenName;
  /** Whether the next history frame is the first of this connection. */
  private boolean firstHistory;
  /** Where to pick up after a dropped connection. */
  private final Resumption resumption = new Resumption();
  private List<String> shownUsers;
  private int attempt;
  private ScheduledFuture<?> pendingReconnect;
  /** Refreshes the wait's countdown every second while waiting to reconnect. */
  private ScheduledFuture<?> countdown;
  /** Lines typed, and what became of them. */
  private final Outbox outbox = new Outbox();
  /** Shows own lines in the order typed. */
  private final OwnEchoes ownEchoes = new OwnEchoes(outbox);
  /** How fast lines go out: within the rate the server names in its welcome, or its default. */
  private Pace pace = Pace.standard(System.nanoTime());
  private ScheduledFuture<?> pendingSend;
  /** When lines the server could not take may go again. */
  private final RetryWait retryWait;
  /** Whether the user was told that lines the server could not take go again. */
  private boolean toldRetrying;
  /** Whether the user was told that lines typed now wait for a connection. */
  private boolean toldWaiting;
  /** When the last open connection was lost. */
  private long lostAt = System.nanoTime();
  /** When a line last went out or got an outcome, or a connection opened. */
  private long lastProgress = System.nanoTime();

  ChatSession(
      ConnectionSettings settings,
      boolean interactive,
      String name,
      ChatView view,
      Backoff backoff,
      ScheduledExecutorService timer) {
    this(settings, interactive, name, view, backoff, RetryWait.FIRST, RetryWait.MAX, timer);
  }

  /**
   * @param firstRetryDelay how long a line the server could not take waits before it goes
   *     again, doubling while the server keeps refusing, up to {@code maxRetryDelay}
   */
  ChatSession(
      ConnectionSettings settings,
      boolean interactive,
      String name,
      ChatView view,
      Backoff backoff,
      Duration firstRetryDelay,
      Duration maxRetryDelay,
      ScheduledExecutorService timer) {
    this.settings = settings;
    this.servers = new ServerRotation(settings.servers());
    this.interactive = interactive;
    this.name = name;
    this.view = view;
    this.backoff = backoff;
    this.retryWait = new RetryWait(firstRetryDelay, maxRetryDelay);
    this.timer = timer;
  }

  /**
   * Connects for the first time, to each server in turn until one takes the connection, and
   * registers.
   *
   * @return why it could connect to none, server by server ({@code ws://...: connection
   *     refused}), or empty once connected
   */
  Optional<String> start() throws InterruptedException {
    List<String> failures = new ArrayList<>();
    for (int tried = 0; tried < servers.size(); tried++) {
      ServerConnection first;
      URI server;
      synchronized (this) {
        if (state == State.CLOSED) {
          return Optional.of("closed before connecting");
        }
        server = servers.current();
        first = new ServerConnection(server, settings, this);
        connection = first;
      }
      if (interactive) {
        view.connecting(server);
      }
      if (first.connectBlocking(settings.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        // Registered means named and shown who is online: a server of ours confirms the name at
        // once and the users list follows; a base one may only say so in its next users list, so
        // this waits a little, not for ever.
        registered.await(REGISTRATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return Optional.empty();
      }
      if (!first.ended()) {
        first.closeConnection(CloseFrame.NEVER_CONNECTED, "gave up");
        failures.add(server + ": no answer within " + settings.connectTimeout().toSeconds() + " s");
      } else {
        failures.add(server + ": " + first.failureDescription());
      }
      synchronized (this) {
        servers.failed();
      }
    }
    synchronized (this) {
      state = State.CLOSED;
    }
    return Optional.of(String.join("; nor to ", failures));
  }

  /**
   * Sends a line to everyone, in order after those before it, as fast as the server's rate limit
   * allows; while there is no connection, it waits for the next one.
   */
  void say(String text) throws InterruptedException {
    queue(OutgoingLine.Kind.MESSAGE, null, text);
  }

  /** Sends an action, {@code /me waves}, in order with the lines around it. */
  void act(String text) throws InterruptedException {
    queue(OutgoingLine.Kind.ACTION, null, text);
  }

  /** Sends a private message to one person, in order with the lines around it. */
  void whisper(String to, String text) throws InterruptedException {
    queue(OutgoingLine.Kind.PRIVATE, to, text);
  }

  /** Asks for a new name; the server's answer, or its refusal, is shown when it comes. */
  synchronized void nick(String newName) {
    if (name.equals(NameRules.normalize(newName))) {
      view.info("you are already " + Printable.escape(name));
    } else if (!registeredNow()) {
      view.info("not connected: try /nick again once connected");
    } else if (!capabilities.contains(Wire.CAPABILITY_NICK)) {
      view.info("this server cannot rename; reconnect under the new name instead");
    } else {
      askedName = newName;
      send(new Nick(newName));
    }
  }

  private synchronized void queue(OutgoingLine.Kind kind, String to, String text) throws InterruptedException {
    int length = text.codePointCount(0, text.length());
    if (length > Wire.DEFAULT_MAX_MESSAGE_CHARS) {
      outbox.tooLong();
      view.info(
          "not sent: a message is at most " + Wire.DEFAULT_MAX_MESSAGE_CHARS + " characters; this one has " + length);
      return;
    }
    if (interactive) {
      // A person must never be blocked, so what is typed while away is kept only up to a bound.
      if (!registeredNow() && outbox.waiting() >= MAX_TYPED_WHILE_AWAY) {
        outbox.dropped();
        view.info("not kept: " + MAX_TYPED_WHILE_AWAY + " lines already wait for the connection to come back");
        return;
      }
    } else {
      // Piped input can be read far faster than it can be sent: hold the reader back instead of
      // holding all of it in memory.
      while (outbox.waiting() >= MAX_WAITING_LINES && state != State.CLOSED) {
        wait();
      }
    }
    outbox.add(kind, to, text);
    if (interactive && !registeredNow() && !toldWaiting) {
      // Piped lines simply wait; only a person typing needs telling.
      toldWaiting = true;
      view.info(
          everJoined
              ? "not connected: lines you type now are sent once reconnected"
              : "not connected yet: lines you type now are sent once connected");
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
  synchronized DeliveryReport awaitDelivery(Duration patience) throws InterruptedException {
    while (!outbox.settled() && state != State.CLOSED) {
      long left = lastProgress + patience.toNanos() - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return outbox.report();
  }

  /**
   * Whether lines may go out now: connected, registered on this connection, and, when resuming,
   * shown what was missed, so that a line typed while away follows what it may answer. Guarded
   * by this.
   */
  private boolean registeredNow() {
    return state == State.OPEN && announced && !resumption.catchingUp();
  }

  /**
   * Sends what waits, as the pace allows; what it does not allow goes out later, and while the
   * outbox holds, the answer to the line in flight sends the next. Guarded by this.
   */
  private void sendWaiting() {
    while (registeredNow() && outbox.mayTakeNext(unechoedLimit())) {
      long now = System.nanoTime();
      long wait = retryWait.nanosLeft(now);
      if (wait > 0) {
        if (pendingSend == null || pendingSend.isDone()) {
          pendingSend = timer.schedule(this::sendLater, wait, TimeUnit.NANOSECONDS);
        }
        return;
      }
      if (!pace.tryTake(now)) {
        if (pendingSend == null || pendingSend.isDone()) {
          pendingSend = timer.schedule(this::sendLater, pace.nanosUntilNext(now), TimeUnit.NANOSECONDS);
        }
        return;
      }
      boolean retry = outbox.nextIsRetry();
      Optional<ClientFrame> frame = outbox.peekNext().frameFor(capabilities, name);
      if (frame.isEmpty()) {
        view.info("not sent: this server cannot send private messages");
        outbox.unsendable();
        progress();
        continue;
      }
      outbox.takeNext();
      // Sent while holding the lock, so lines go out in the order they were typed.
      if (!send(frame.get())) {
        return; // Closing: the close callback decides what becomes of the line.
      }
      if (!retry) {
        progress(); // Sending a line again is no progress: an outage must not keep a pipe waiting.
      }
    }
  }

  /**
   * How many lines may go without their echo: to a server that remembers ids, few enough that it
   * still remembers all of them when they go again after a reconnect; to any other, all there
   * are, as it may not answer every line. Guarded by this.
   */
  private int unechoedLimit() {
    return capabilities.contains(Wire.CAPABILITY_IDS) ? Wire.MAX_UNECHOED_LINES : Integer.MAX_VALUE;
  }

  /** Sends a frame on this connection; false when it is closing. Guarded by this. */
  private boolean send(ClientFrame frame) {
    try {
      connection.send(codec.encodeClientFrame(frame));
      return true;
    } catch (WebsocketNotConnectedException e) {
      return false;
    }
  }

  private synchronized void sendLater() {
    pendingSend = null; // This run is not done yet, and may have to schedule the next.
    sendWaiting();
  }

  /** Guarded by this. */
  private void progress() {
    lastProgress = System.nanoTime();
    ownEchoes.settled();
    notifyAll();
  }

  /** Lines typed that wait to be sent. */
  synchronized int pendingLines() {
    return outbox.waiting();
  }

  /** Whether a connection is open now. */
  synchronized boolean connected() {
    return state == State.OPEN;
  }

  /** Who is online, or empty when not connected and so not known. */
  synchronized Optional<List<String>> users() {
    return state == State.OPEN && shownUsers != null ? Optional.of(shownUsers) : Optional.empty();
  }

  /** Whether a close began: the session takes no more lines and makes no more connections. */
  boolean closing() {
    return closeStarted.get();
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
        ownEchoes.showAll();
        current = connection;
        if (pendingReconnect != null) {
          pendingReconnect.cancel(false);
        }
        notifyAll();
      }
      timer.shutdownNow();
      registered.countDown(); // start() need not wait for a name any more.
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
      reconnected = everJoined;
      everOpened = true;
      // Not progress yet: a server that lets connections in and turns every register away must
      // not keep a pipe waiting; joining is.
      announced = false;
      turnedAway = null;
      newSession = false;
      nameRefused = false;
      connectedUntold = false;
      extensionActive = false;
      presenceEvents = false;
      capabilities = Set.of();
      firstHistory = true;
      shownUsers = null;
      requestedOnThisConnection = name;
      state = State.OPEN;
      // Queued before any line the user types on this connection, so the server has a name for
      // the sender by the time the first message arrives. This connection's welcome has not come
      // yet; but a token comes only from a server that resumes sessions, so holding one says
      // that this connection can pick up where the last one left off.
      List<String> options = new ArrayList<>(resumption.registerOptions(resumption.hasToken()));
      settings.history().ifPresent(count -> options.add(Options.of(Wire.OPTION_HISTORY, Integer.toString(count))));
      send(new Register(name, options));
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
      frame.accept(handler);
    }
  }

  /** What each frame from the server does to the session. Called with this held. */
  private final ServerFrame.Visitor<Void> handler =
      new ServerFrame.Visitor<>() {
        @Override
        public Void welcome(Welcome welcome) {
          extensionActive = Wire.SUBPROTOCOL.equals(welcome.protocol());
          if (!extensionActive) {
            return null;
          }
          capabilities = Set.copyOf(welcome.capabilities());
          resumption.welcomed(capabilities.contains(Wire.CAPABILITY_HISTORY));
          presenceEvents = capabilities.contains(Wire.CAPABILITY_PRESENCE);
          pace =
              new Pace(
                  welcome.parameter(Wire.CAPABILITY_RATE).orElse(Pace.DEFAULT_RATE),
                  welcome.parameter(Wire.CAPABILITY_BURST).orElse(Pace.DEFAULT_BURST),
                  System.nanoTime());
          return null;
        }

        @Override
        public Void register(Register register) {
          if (register.name() == null) {
            return null;
          }
          resumption.registered(register.options());
          String before = name;
          name = register.name();
          if (announced && askedName != null) {
            // The answer to a /nick: the new name, or the old one when it was refused.
            if (!name.equals(before) && !NameKeys.keyOf(name).equals(NameKeys.keyOf(askedName))) {
              takenName = NameNotGiven.why(askedName, others(before));
            } else if (name.equals(before)) {
              // The free variant of the name asked for is the one it has (bob-2, asking for bob).
              view.info(Printable.escape("you are still " + name + " (" + NameNotGiven.why(askedName, others(before)) + ")"));
            }
            askedName = null;
            if (!name.equals(before) && !presenceEvents) {
              renamedSelf(before, name);
            }
            return null;
          }
          announce();
          return null;
        }

        @Override
        public Void users(Users users) {
          // A base server never confirms the name; its first users list is as good as it gets.
          announce();
          if (connectedUntold) {
            connectedUntold = false;
            sayConnected(Optional.of(users.names()));
          }
          showUsers(users.names());
          return null;
        }

        @Override
        public Void presence(Presence presence) {
          if (presenceEvents && shownUsers != null) {
            for (String who : presence.names()) {
              if (presence.joined()) {
                view.joined(who);
              } else {
                view.left(who);
              }
            }
          }
          return null;
        }

        @Override
        public Void renamed(Renamed renamed) {
          if (renamed.to().equals(name)) {
            renamedSelf(renamed.from(), renamed.to());
          } else {
            view.renamed(renamed.from(), renamed.to(), false, "");
          }
          return null;
        }

        @Override
        public Void message(ChatMessage message) {
          boolean wasCatchingUp = resumption.catchingUp();
          if (resumption.arrived(message.id())) {
            boolean own = message.from().equals(name);
            echoed(own, message.clientId(), () -> view.message(message, own));
          }
          if (wasCatchingUp && !resumption.catchingUp()) {
            sendWaiting();
          }
          return null;
        }

        @Override
        public Void history(History history) {
          ChatMessage entry = history.entry();
          if (resumption.arrived(entry.id())) {
            view.history(entry, firstHistory);
            firstHistory = false;
          }
          return null;
        }

        @Override
        public Void resumed(Resumed resumed) {
          resumption.resumed(resumed.count());
          view.resumed(resumed.complete(), resumed.count());
          sendWaiting();
          return null;
        }

        @Override
        public Void privateChat(PrivateChat message) {
          boolean own = message.from().equals(name);
          echoed(own, message.clientId(), () -> view.privateMessage(message, own));
          return null;
        }

        @Override
        public Void error(ErrorReply error) {
          if (!extensionActive) {
            return null;
          }
          boolean unavailable = ErrorCode.UNAVAILABLE.wireName().equals(error.code());
          if (!announced && (unavailable || ErrorCode.INVALID_TOKEN.wireName().equals(error.code()))) {
            // Said with what follows, in the client's words: the failed attempt, or the join.
            if (unavailable) {
              turnedAway = error.reason();
            } else {
              newSession = true;
            }
            return null;
          }
          if (REFUSES_A_LINE.contains(error.code())) {
            view.serverError(error);
            outbox.refused(error.clientId());
            progress();
            sendWaiting();
          } else if (unavailable && outbox.unavailable(error.clientId())) {
            // Not refused: not taken just now. The line is kept, and goes again a little later;
            // said once an outage, not once a retry of every kept line.
            retryWait.refused(System.nanoTime(), !outbox.awaitingAnswers());
            if (!toldRetrying) {
              toldRetrying = true;
              view.info("the server cannot take lines just now; they are kept and sent again");
            }
            sendWaiting();
          } else {
            nameRefused |= !announced && ErrorCode.INVALID_NAME.wireName().equals(error.code());
            view.serverError(error);
          }
          return null;
        }
      };

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
      if (state == State.WAITING_TO_RECONNECT) {
        return; // Told of this end already: one attempt at a time.
      }
      if (!everOpened) {
        return; // start() reports it.
      }
      // Lost only once in the room: a connection whose register was turned away is an attempt
      // that failed.
      boolean inTheRoom = state == State.OPEN && announced;
      if (inTheRoom) {
        view.connectionLost(ConnectFailures.describeLoss(reason));
      }
      // A server that resumes sessions takes lines sent again under their ids only once, so
      // those whose echo did not come go again; to any other, they may or may not have arrived.
      boolean resumable = capabilities.contains(Wire.CAPABILITY_RESUME) && resumption.hasToken();
      int lost = outbox.connectionLost(resumable);
      if (lost > 0 && !resumable) {
        view.info(lost + (lost == 1 ? " line" : " lines") + " sent just before may not have reached anyone");
        progress();
      } else {
        notifyAll(); // Not progress: a failed attempt to reconnect must not keep a pipe waiting.
      }
      if (inTheRoom) {
        lostAt = System.nanoTime();
      }
      // An attempt failed, or the server turned the register away: another server may take it.
      if (state == State.CONNECTING || !announced) {
        servers.failed();
      }
      String why =
          state == State.CONNECTING
              ? ConnectFailures.describe(code, reason, failure)
              : inTheRoom ? "" : ConnectFailures.describeTurnedAway(turnedAway, reason);
      state = State.WAITING_TO_RECONNECT;
      attempt++;
      Duration delay = backoff.delayBefore(servers.round(attempt));
      view.reconnecting(delay, attempt, why, sinceLost());
      pendingReconnect = timer.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
      if (countdown == null || countdown.isDone()) {
        countdown = timer.scheduleAtFixedRate(this::countDown, 1, 1, TimeUnit.SECONDS);
      }
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

  /** Keeps the wait before the next attempt counting; ends once connected or closed. */
  private synchronized void countDown() {
    if (state != State.WAITING_TO_RECONNECT || pendingReconnect == null) {
      if (state != State.CONNECTING && countdown != null) {
        countdown.cancel(false);
      }
      return;
    }
    long untilNext = Math.max(0, pendingReconnect.getDelay(TimeUnit.NANOSECONDS));
    view.stillReconnecting(attempt, Duration.ofNanos(untilNext), sinceLost());
  }

  /** How long the session has been out of the room; empty when it was never in. Guarded by this. */
  private Optional<Duration> sinceLost() {
    return everJoined ? Optional.of(Duration.ofNanos(System.nanoTime() - lostAt)) : Optional.empty();
  }

  private void reconnect() {
    ServerConnection next;
    synchronized (this) {
      if (state != State.WAITING_TO_RECONNECT) {
        return;
      }
      state = State.CONNECTING;
      next = new ServerConnection(servers.current(), settings, this);
      connection = next;
      if (servers.size() > 1) {
        view.info("trying " + servers.current());
      }
    }
    next.connect();
    timer.schedule(() -> abandonIfNotOpen(next), settings.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
  }

  /**
   * Gives up an attempt whose handshake has no answer in time, so that the next can be made:
   * Java-WebSocket times out only the TCP connect, and a server that takes the connection but
   * never answers (frozen, or a proxy whose node hangs) would hold the session for ever.
   */
  private void abandonIfNotOpen(ServerConnection attempt) {
    synchronized (this) {
      if (attempt != connection || state != State.CONNECTING) {
        return;
      }
    }
    // Outside the lock: the close callback, which takes it, may run on this thread.
    attempt.closeConnection(
        CloseFrame.ABNORMAL_CLOSE, "no answer within " + settings.connectTimeout().toSeconds() + " s");
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

  /** A message came: shown, and, when it is an own line's echo, in the order typed. Guarded by this. */
  private void echoed(boolean own, String clientId, Runnable show) {
    if (!own) {
      show.run();
    } else if (ownEchoes.echoed(clientId, show)) {
      progress();
      lineTaken();
    }
  }

  /**
   * The server took a line: the next outage starts its retries afresh, and lines held back while
   * it could not take them go. Guarded by this.
   */
  private void lineTaken() {
    retryWait.taken();
    if (toldRetrying) {
      view.info("the server takes lines again");
    }
    toldRetrying = false;
    sendWaiting();
  }

  /** Guarded by this. */
  private void renamedSelf(String from, String to) {
    view.renamed(from, to, true, takenName == null ? "" : takenName);
    takenName = null;
  }

  /** Who else is online, as last shown, but for this name; empty when not known. Guarded by this. */
  private Optional<List<String>> others(String self) {
    return Optional.ofNullable(shownUsers).map(names -> names.stream().filter(who -> !who.equals(self)).toList());
  }

  /** Guarded by this. */
  private void announce() {
    if (!announced) {
      announced = true;
      // Registered, not merely connected: a server that lets connections in but turns their
      // registers away (its cluster's log out of reach) is retried ever less often.
      attempt = 0;
      if (!capabilities.contains(Wire.CAPABILITY_RESUME) || !capabilities.contains(Wire.CAPABILITY_HISTORY)) {
        resumption.notResuming(); // No answer to a resume will come.
      }
      toldWaiting = false;
      everJoined = true;
      progress();
      if (!name.equals(requestedOnThisConnection) && !nameRefused && shownUsers == null) {
        connectedUntold = true; // Why comes with who is online, which follows at once.
      } else {
        sayConnected(Optional.empty());
      }
      sendWaiting();
    }
  }

  /**
   * Says that this connection joined, and under which name; why, when not the one asked for.
   * Guarded by this.
   *
   * @param online who is online, when known
   */
  private void sayConnected(Optional<List<String>> online) {
    String why = "";
    if (!name.equals(requestedOnThisConnection)) {
      why =
          nameRefused
              ? "the server refused " + requestedOnThisConnection
              : NameNotGiven.why(
                  requestedOnThisConnection, online.map(names -> names.stream().filter(who -> !who.equals(name)).toList()));
    }
    view.connected(name, why, reconnected, newSession);
  }
}
