package dev.termchat.client;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Wire;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;

/**
 * Reconnecting: the session's connection, one attempt at a time, to the servers of a
 * ServerRotation in turn; when an established connection drops, it tries again with backoff, and
 * registers again under the same name, resuming where it left off. A connection's frames go to
 * the {@link ServerFrames}; what becomes of the lines in flight when it drops, to the
 * {@link LineSender}.
 *
 * <p>Runs on the session thread alone, as do its timers; each field is confined to it.
 */
final class Reconnection {
  private static final long COUNTDOWN_NANOS = TimeUnit.SECONDS.toNanos(1);
  /**
   * How long a session must stay in the room before a loss starts the waits over: a server that
   * takes the client in and drops it at once (a broken one, or a hostile one sending frames past
   * the client's limit) is retried ever less often, not a few times a second.
   */
  private static final long STAYED_NANOS = TimeUnit.SECONDS.toNanos(10);

  enum State {
    CONNECTING,
    OPEN,
    WAITING_TO_RECONNECT,
    CLOSED
  }

  private final SessionClock clock;
  private final ChatView view;
  private final Backoff backoff;
  /** How long an attempt may take before it is given up for the next. */
  private final Duration connectTimeout;
  private final OptionalInt history;
  /** Makes the attempt on a server; its events come back to the session's listener. */
  private final Function<URI, ? extends ServerLink> dial;
  private final ServerFrames frames;
  private final LineSender lines;
  /** Told when the connection a close was asked of has ended. */
  private final Runnable closedForGood;
  /** Told why, when the server ends the session for good: banned, signed out, or its account's login refused. */
  private final Consumer<String> ended;
  private final FrameCodec codec = new FrameCodec();
  /** Which server to connect to next. */
  private final ServerRotation servers;

  private State state = State.CONNECTING;
  private ServerLink connection;
  private boolean everOpened;
  /** Attempts since the session last joined. */
  private int attempt;
  /** When the session last joined, by the session's clock. */
  private long joinedAt;
  private SessionClock.Timer pendingReconnect;
  /** Refreshes the wait's countdown every second while waiting to reconnect. */
  private SessionClock.Timer countdown;
  /**
   * Asks the person at the terminal for the server's password, which a server back with one (or
   * another one) wants; null for a script, which cannot type it.
   */
  private Runnable askServerPassword;
  /** When the last open connection was lost. */
  private long lostAt;

  Reconnection(
      SessionClock clock,
      ChatView view,
      ConnectionSettings settings,
      Backoff backoff,
      Function<URI, ? extends ServerLink> dial,
      ServerFrames frames,
      LineSender lines,
      Runnable closedForGood,
      Consumer<String> ended) {
    this.clock = clock;
    this.view = view;
    this.servers = new ServerRotation(settings.servers());
    this.connectTimeout = settings.connectTimeout();
    this.history = settings.history();
    this.backoff = backoff;
    this.dial = dial;
    this.frames = frames;
    this.lines = lines;
    this.closedForGood = closedForGood;
    this.ended = ended;
    this.lostAt = clock.nanoTime();
  }

  /**
   * The first connection's attempt on the current server, which the caller waits for; null once
   * the session is closed.
   */
  <L extends ServerLink> L firstAttempt(Function<URI, L> dialFirst) {
    if (state == State.CLOSED) {
      return null;
    }
    L first = dialFirst.apply(servers.current());
    connection = first;
    return first;
  }

  /** The first connection's attempt failed: the next server's turn. */
  void firstFailed() {
    servers.failed();
  }

  URI current() {
    return servers.current();
  }

  int servers() {
    return servers.size();
  }

  State state() {
    return state;
  }

  /** Whether lines may go out now: connected, and in the room and caught up on this connection. */
  boolean ready() {
    return state == State.OPEN && frames.ready();
  }

  /** The session ends: no more attempts; the connection to close, if any. */
  ServerLink close() {
    state = State.CLOSED;
    lines.closed();
    if (pendingReconnect != null) {
      pendingReconnect.cancel();
    }
    return connection;
  }

  /**
   * The server ended the session for good: no more attempts, and the connection, if open, is
   * closed; the session is told why.
   */
  void endForGood(String why) {
    ServerLink link = close();
    if (link != null && !link.isClosed()) {
      link.close(CloseFrame.NORMAL, "bye");
    }
    ended.accept(why);
  }

  /**
   * The session joined: a server that turns registers away is retried ever less often, not one
   * that takes them and keeps them ({@link #STAYED_NANOS}).
   */
  void joined() {
    joinedAt = clock.nanoTime();
  }

  void opened(ServerLink opened) {
    if (opened != connection || state == State.CLOSED) {
      return;
    }
    everOpened = true;
    state = State.OPEN;
    // Queued before any line the user types on this connection.
    send(frames.opened(history));
  }

  void received(ServerLink from, ServerFrame frame) {
    if (from == connection && state == State.OPEN) {
      frame.accept(frames);
    }
  }

  /** Sends a frame on this connection; false when there is none, or it is closing. */
  boolean send(ClientFrame frame) {
    if (connection == null) {
      return false;
    }
    try {
      connection.send(codec.encodeClientFrame(frame));
      return true;
    } catch (WebsocketNotConnectedException e) {
      return false;
    }
  }

  /** The server closed the connection and will not take the session back: said once, no retry. */
  private void closedByServerForGood(String why) {
    state = State.CLOSED;
    lines.closed();
    closedForGood.run();
    ended.accept(why);
  }

  void closed(ServerLink closed, int code, String reason, Exception failure) {
    if (closed != connection) {
      return;
    }
    if (state == State.CLOSED) {
      closedForGood.run();
      return;
    }
    if (state == State.WAITING_TO_RECONNECT) {
      return; // Told of this end already: one attempt at a time.
    }
    if (code == Wire.CLOSE_BANNED) {
      // Trying again would be turned away again, every few seconds, for as long as the ban lasts.
      String why = reason == null || reason.isBlank() ? "the server says no more" : Printable.escape(reason);
      // The server's reason says "banned by NAME: WHY" itself: "banned: banned by" would say it twice.
      closedByServerForGood(why.startsWith("banned") ? why : "banned: " + why);
      return;
    }
    if (code == Wire.CLOSE_SIGNED_OUT) {
      // The session's token resumes nothing now, and a password given in a file or the
      // environment is the old one: only the person can log in again.
      closedByServerForGood("signed out: the account's password was changed on another connection; log in again");
      return;
    }
    if (!everOpened) {
      return; // The first attempt's caller reports it.
    }
    if (state == State.CONNECTING && ConnectFailures.passwordRefused(reason, failure)) {
      // A server back with a password (another one): trying again every few seconds would be
      // turned away for ever. A person is asked for it; a script cannot type it, and stops.
      if (askServerPassword == null) {
        closedByServerForGood("cannot reconnect: the server now wants a password, or another one (give it with --password-file or CHAT_PASSWORD)");
        return;
      }
      servers.failed();
      state = State.WAITING_TO_RECONNECT;
      pendingReconnect = null; // Until it is typed: /reconnect tries, and asks, again.
      askServerPassword.run();
      return;
    }
    // Lost only once in the room: a connection whose register was turned away is an attempt
    // that failed.
    boolean inTheRoom = state == State.OPEN && frames.joined();
    if (inTheRoom) {
      view.connectionLost(ConnectFailures.describeLoss(reason));
    }
    lines.connectionLost(frames.resumable());
    if (inTheRoom) {
      lostAt = clock.nanoTime();
    }
    // An attempt failed, or the server turned the register away: another server may take it.
    if (state == State.CONNECTING || !frames.joined()) {
      servers.failed();
    }
    String why =
        state == State.CONNECTING
            ? ConnectFailures.describe(code, reason, failure)
            : inTheRoom ? "" : ConnectFailures.describeTurnedAway(frames.turnedAway(), reason);
    if (inTheRoom && clock.nanoTime() - joinedAt >= STAYED_NANOS) {
      attempt = 0;
    }
    state = State.WAITING_TO_RECONNECT;
    attempt++;
    Duration delay = backoff.delayBefore(servers.round(attempt));
    view.reconnecting(delay, attempt, why, sinceLost());
    pendingReconnect = clock.after(delay.toNanos(), this::reconnect);
    if (countdown == null || countdown.done()) {
      countdown = clock.after(COUNTDOWN_NANOS, this::countDown);
    }
  }

  /** Asks the person for the server's password when a server wants one (another one) on reconnecting. */
  void askServerPasswordWith(Runnable ask) {
    askServerPassword = ask;
  }

  /** Tries to reconnect at once, when waiting to; says so when there is nothing to do. */
  void reconnectNow() {
    if (state != State.WAITING_TO_RECONNECT) {
      view.info(state == State.OPEN ? "already connected" : "already connecting");
      return;
    }
    if (pendingReconnect != null) {
      pendingReconnect.cancel();
    }
    view.info("reconnecting now");
    pendingReconnect = clock.after(0, this::reconnect);
  }

  /** Keeps the wait before the next attempt counting, every second, until connected or closed. */
  private void countDown() {
    if (state == State.WAITING_TO_RECONNECT && pendingReconnect != null) {
      view.stillReconnecting(attempt, Duration.ofNanos(Math.max(0, pendingReconnect.nanosLeft())), sinceLost());
    }
    countdown =
        state == State.WAITING_TO_RECONNECT || state == State.CONNECTING
            ? clock.after(COUNTDOWN_NANOS, this::countDown)
            : null;
  }

  /** How long the session has been out of the room; empty when it was never in. */
  private Optional<Duration> sinceLost() {
    return frames.everJoined() ? Optional.of(Duration.ofNanos(clock.nanoTime() - lostAt)) : Optional.empty();
  }

  private void reconnect() {
    if (state != State.WAITING_TO_RECONNECT) {
      return;
    }
    state = State.CONNECTING;
    ServerLink next = dial.apply(servers.current());
    connection = next;
    if (servers.size() > 1) {
      view.info("trying " + servers.current());
    }
    next.connect();
    clock.after(connectTimeout.plusSeconds(1).toNanos(), () -> abandonIfNotOpen(next));
  }

  /**
   * Gives up an attempt whose handshake has no answer in time, so that the next can be made:
   * Java-WebSocket times out only the TCP connect, and a server that takes the connection but
   * never answers (frozen, or a proxy whose node hangs) would hold the session for ever. Its
   * close comes back as an event, after this one.
   */
  private void abandonIfNotOpen(ServerLink attempt) {
    if (attempt == connection && state == State.CONNECTING) {
      attempt.closeConnection(CloseFrame.ABNORMAL_CLOSE, "no answer within " + connectTimeout.toSeconds() + " s");
    }
  }
}
