package dev.termchat.client;

import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.ProtocolException;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.ServerFrame;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.framing.CloseFrame;

/**
 * A chat session that outlives its connections: it registers on every connection, and when an
 * established connection drops it reconnects with backoff and registers again under the same
 * name.
 *
 * <p>Its state has one owner, the session thread: the socket's listener thread, the console
 * reader and the session's timers post events to it, and only it reads or writes that state, in
 * three parts of one role each: {@link Reconnection} (the connection, rotation, backoff),
 * {@link LineSender} (the lines typed) and {@link ServerFrames} (what the server says). The
 * methods here may be called from any other thread.
 */
final class ChatSession implements ConnectionListener {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration REGISTRATION_WAIT = Duration.ofSeconds(2);

  /** Replaced only on the session thread, with a server password typed; read by its dials. */
  private volatile ConnectionSettings settings;
  /** Whether a person types the lines, who must never be blocked; else they are piped. */
  private final boolean interactive;
  private final ChatView view;
  private final SessionThread thread;
  private final FrameCodec codec = new FrameCodec();
  private final CountDownLatch closedForGood = new CountDownLatch(1);
  private final CountDownLatch registered = new CountDownLatch(1);
  /** Counted down when the console's input ends, or the server ends the session for good. */
  private final CountDownLatch inputOver = new CountDownLatch(1);
  /**
   * A person types at this terminal: a server that comes back wanting a password (another one)
   * asks them for it, hidden, where a script would stop.
   */
  void askServerPasswordAt(Input console) throws InterruptedException {
    thread.await(() -> reconnection.askServerPasswordWith(() -> {
      view.info("the server now wants a password, or another one: type it (hidden), or press Ctrl-D and /quit");
      console.askSecret("server password: ", secret -> thread.post(() -> serverPasswordTyped(secret)));
    }));
  }

  /** On the session thread: reconnect with the password typed; none leaves the session waiting. */
  private void serverPasswordTyped(String secret) {
    if (secret == null || secret.isEmpty()) {
      view.info("no server password typed: /reconnect asks again, /quit leaves");
      return;
    }
    settings = settings.withPassword(secret);
    reconnection.reconnectNow();
  }

  /** Why the server ended the session for good, once it did: written on the session thread. */
  private volatile String endedBecause;
  /** Whether a close began, and when it is over; a second close waits for the first. */
  private final AtomicBoolean closeStarted = new AtomicBoolean();
  private final CountDownLatch closeFinished = new CountDownLatch(1);
  /** What became of every line when the session closed, for a late question. */
  private volatile DeliveryReport atClose;
  /**
   * Who is online, and whether connected, as of the last event: written on the session thread,
   * read by the console and the completer, which must not wait (the completer runs inside the
   * line editor's lock, which the session thread may be waiting for, to print).
   */
  private volatile Optional<List<String>> usersNow = Optional.empty();

  private volatile boolean connectedNow;
  /** The name the session was started under: the account {@code /login} logs in to unless told. */
  private final String askedName;

  // The session's state, confined to the session thread.
  private final SessionParts parts;
  private final LineSender lines;
  private final ServerFrames frames;
  private final Reconnection reconnection;
  private final SessionRooms rooms;
  private final SessionRecall recall;

  ChatSession(
      ConnectionSettings settings,
      boolean interactive,
      String name,
      ChatView view,
      Backoff backoff,
      ScheduledExecutorService thread) {
    this(settings, interactive, name, List.of(RoomNames.DEFAULT_ROOM), view, backoff, RetryWait.FIRST, RetryWait.MAX, thread);
  }

  /** @param rooms the rooms to be in, on a server that has rooms */
  ChatSession(
      ConnectionSettings settings,
      boolean interactive,
      String name,
      List<String> rooms,
      ChatView view,
      Backoff backoff,
      ScheduledExecutorService thread) {
    this(settings, interactive, name, rooms, view, backoff, RetryWait.FIRST, RetryWait.MAX, thread);
  }

  /**
   * @param firstRetryDelay how long a line the server could not take waits before it goes
   *     again, doubling while the server keeps refusing, up to {@code maxRetryDelay}
   * @param thread one thread, the session's own, for its events and timers
   */
  ChatSession(
      ConnectionSettings settings,
      boolean interactive,
      String name,
      List<String> rooms,
      ChatView view,
      Backoff backoff,
      Duration firstRetryDelay,
      Duration maxRetryDelay,
      ScheduledExecutorService thread) {
    this.settings = settings;
    this.interactive = interactive;
    this.view = view;
    this.askedName = name;
    this.thread = new SessionThread(thread);
    this.parts =
        new SessionParts(
            this.thread,
            view,
            settings,
            interactive,
            name,
            rooms,
            backoff,
            firstRetryDelay,
            maxRetryDelay,
            server -> new ServerConnection(server, this.settings, this),
            closedForGood::countDown,
            registered::countDown,
            this::endedForGood);
    this.lines = parts.lines;
    this.frames = parts.frames;
    this.reconnection = parts.reconnection;
    this.rooms = new SessionRooms(this.thread, parts, view);
    this.recall = new SessionRecall(this.thread, parts, view, interactive);
    this.thread.afterEach(this::publish);
  }

  /** On the session thread: the server ended the session for good; reading the console is over. */
  private void endedForGood(String why) {
    endedBecause = why;
    registered.countDown();
    inputOver.countDown();
  }

  /** Why the server ended the session for good (banned; its account's login refused), once it did. */
  Optional<String> endedForGood() {
    return Optional.ofNullable(endedBecause);
  }

  /** The console's input ended. */
  void inputEnded() {
    inputOver.countDown();
  }

  /** Waits until the console's input ends, or the server ends the session for good. */
  void awaitInputOver() throws InterruptedException {
    inputOver.await();
  }

  /** On the session thread, after every event. */
  private void publish() {
    rooms.publish();
    connectedNow = parts.open();
    usersNow = connectedNow ? frames.users() : Optional.empty();
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
    int servers = thread.ask(reconnection::servers, 0);
    for (int tried = 0; tried < servers; tried++) {
      ServerConnection first =
          thread.ask(() -> reconnection.firstAttempt(server -> new ServerConnection(server, this.settings, this)), null);
      if (first == null) {
        return Optional.of("closed before connecting");
      }
      URI server = first.getURI();
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
      thread.await(reconnection::firstFailed);
    }
    thread.await(reconnection::close);
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

  /**
   * Hands a line to the session thread, and waits until it took it: a person is never kept
   * waiting longer; piped input, read far faster than it can be sent, waits for room.
   */
  private void queue(OutgoingLine.Kind kind, String to, String text) throws InterruptedException {
    for (SessionThread.Seen<Boolean> taken = thread.askSeen(() -> offer(kind, to, text), true);
        !taken.answer();
        taken = thread.askSeen(() -> offer(kind, to, text), true)) {
      thread.awaitChange(taken.version(), Long.MAX_VALUE);
    }
  }

  /** What a person does with rooms. */
  SessionRooms rooms() {
    return rooms;
  }

  /** What a person asks of what was said: scrollback and search. */
  SessionRecall recall() {
    return recall;
  }

  /**
   * On the session thread: a line for the room typed in (a private message for no room); one
   * typed in no room, on a server with rooms, goes nowhere, and the person is told.
   */
  private boolean offer(OutgoingLine.Kind kind, String to, String text) {
    if (kind == OutgoingLine.Kind.PRIVATE) {
      return lines.offer(kind, to, text, null);
    }
    Optional<String> room = interactive ? frames.roomForLines() : frames.roomForPipedLines();
    if (room.isEmpty() && frames.rooms().served()) {
      view.info("not sent: " + SessionRooms.NO_ROOM);
      lines.inNoRoom();
      return true;
    }
    return lines.offer(kind, to, text, room.orElse(null));
  }

  /** Asks for a new name; the server's answer, or its refusal, is shown when it comes. */
  void nick(String newName) throws InterruptedException {
    thread.await(() -> frames.nick(newName, parts.open()));
  }

  /** The name the session was started under; any thread. */
  String askedName() {
    return askedName;
  }

  /** Asks the server something of accounts: register, log in, a new password. */
  void account(dev.termchat.protocol.AccountRequest request) throws InterruptedException {
    thread.await(() -> frames.account(request, parts.open()));
  }

  /** Tries to reconnect at once, when waiting to; says so when there is nothing to do. */
  void reconnectNow() throws InterruptedException {
    thread.await(reconnection::reconnectNow);
  }

  /**
   * Waits until every line typed has an outcome: delivered (the server echoed it), refused, or
   * lost with a connection; every page or search asked for has its answer shown; and the login
   * with a password given, if one is under way, a /nick, and every question (/list, /whois,
   * /banlist) are answered. Piped input
   * ends right after its last line, and leaving at once would cut lines still waiting, their
   * echoes, or the answer to a piped {@code /search}, off. Gives up once nothing has happened
   * for the time given.
   *
   * @return what became of every line
   */
  DeliveryReport awaitDelivery(Duration patience) throws InterruptedException {
    while (true) {
      SessionThread.Seen<Optional<Long>> left =
          thread.askSeen(
              () -> (lines.settled() && !frames.recall().waiting() && !frames.roomFrames().questionsPending() && !frames.loggingIn()
                          && !frames.renaming())
                      || parts.closed()
                  ? Optional.<Long>empty()
                  : Optional.of(
                      Math.max(Math.max(lines.lastProgress(), frames.recall().lastProgress()), frames.roomFrames().lastProgress())
                          + patience.toNanos() - thread.nanoTime()),
              Optional.empty());
      if (left.answer().isEmpty() || left.answer().get() <= 0) {
        return thread.ask(lines::report, atClose);
      }
      thread.awaitChange(left.version(), left.answer().get());
    }
  }

  /** Lines typed that wait to be sent. */
  int pendingLines() throws InterruptedException {
    return thread.ask(lines::waiting, 0);
  }

  /** Whether a connection is open now. */
  boolean connected() {
    return connectedNow;
  }

  /** Who is online, or empty when not connected and so not known. */
  Optional<List<String>> users() {
    return usersNow;
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
      ServerLink current =
          thread.ask(
              () -> {
                ServerLink link = reconnection.close();
                atClose = lines.report();
                return link;
              },
              null);
      registered.countDown(); // start() need not wait for a name any more.
      if (current != null && !current.isClosed()) {
        current.close(CloseFrame.NORMAL, "bye");
        if (!closedForGood.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          current.closeConnection(CloseFrame.NORMAL, "no answer to close");
        }
      }
    } finally {
      thread.shutdown();
      closeFinished.countDown();
    }
  }

  @Override
  public void opened(ServerLink opened) {
    thread.post(() -> reconnection.opened(opened));
  }

  @Override
  public void received(ServerLink from, String text) {
    ServerFrame frame;
    try {
      frame = codec.decodeServerFrame(text);
    } catch (ProtocolException e) {
      // A newer server may send types this client does not know; like YewChat, skip them.
      return;
    }
    thread.post(() -> reconnection.received(from, frame));
  }

  @Override
  public void closed(ServerLink closed, int code, String reason, Exception failure) {
    thread.post(() -> reconnection.closed(closed, code, reason, failure));
  }
}
