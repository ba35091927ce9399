package dev.termchat.client;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Wire;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Sending lines: every line typed goes out in order, through any outage, within the server's
 * rate, and is accounted for (its echo, a refusal, or a loss). Its Outbox holds the lines, its
 * Pace keeps within the server's rate, its RetryWait holds lines back while the server cannot
 * take them, and its OwnEchoes show own lines in the order typed.
 *
 * <p>Runs on the session thread alone, as do its timers; each field is confined to it.
 */
final class LineSender {
  /** Lines piped that may wait to be sent before the reader waits too. */
  static final int MAX_WAITING_LINES = 1000;
  /**
   * Lines typed at a terminal that are kept while there is no connection; past that, a line is
   * dropped with a notice rather than blocking the person typing.
   */
  static final int MAX_TYPED_WHILE_AWAY = 100;

  /** The error codes with which the server refuses a line this client sent. */
  private static final Set<String> REFUSES_A_LINE =
      Set.of(
          ErrorCode.RATE_LIMITED.wireName(),
          ErrorCode.MESSAGE_TOO_LONG.wireName(),
          ErrorCode.EMPTY_MESSAGE.wireName(),
          ErrorCode.NOT_REGISTERED.wireName(),
          ErrorCode.UNKNOWN_USER.wireName(),
          ErrorCode.CANNOT_RECEIVE.wireName(),
          ErrorCode.NOT_IN_ROOM.wireName(),
          ErrorCode.INVALID_FRAME.wireName());

  /** What sending needs of the rest of the session. */
  interface Channel {
    /** Whether lines may go out now: registered on an open connection, and caught up. */
    boolean ready();

    boolean closed();

    /** Whether the session was ever in the room, for the words of a notice. */
    boolean everJoined();

    /** What the server of this connection said it can do. */
    Set<String> capabilities();

    /** The name lines go out under. */
    String name();

    /** Sends a frame on this connection; false when it is closing. */
    boolean send(ClientFrame frame);

    /**
     * Whether room frames (a join, a part) wait for the pace: lines go after them, so that a
     * line typed after a /join reaches the server after the join.
     */
    boolean roomFramesWaiting();
  }

  private final SessionClock clock;
  private final ChatView view;
  /** Whether a person types the lines, who must never be blocked; else they are piped. */
  private final boolean interactive;
  private final Channel channel;
  private final Outbox outbox = new Outbox();
  private final OwnEchoes ownEchoes = new OwnEchoes(outbox);
  /** When lines the server could not take may go again. */
  private final RetryWait retryWait;
  /** How fast lines go out: within the rate the server names in its welcome, or its default. */
  private Pace pace;
  private SessionClock.Timer pendingSend;
  /** Whether the user was told that lines the server could not take go again. */
  private boolean toldRetrying;
  /** Whether the user was told that lines typed now wait for a connection. */
  private boolean toldWaiting;
  /** When a line last went out or got an outcome, or the session joined. */
  private long lastProgress;

  LineSender(
      SessionClock clock, ChatView view, boolean interactive, Duration firstRetry, Duration maxRetry, Channel channel) {
    this.clock = clock;
    this.view = view;
    this.interactive = interactive;
    this.channel = channel;
    this.retryWait = new RetryWait(firstRetry, maxRetry);
    this.pace = Pace.standard(clock.nanoTime());
    this.lastProgress = clock.nanoTime();
  }

  /**
   * A line to send, in order after those before it; while there is no connection, it waits for
   * the next one.
   *
   * @return false, and the line not taken, when it is piped and too many wait already: the reader
   *     waits for room, rather than all it reads being held in memory
   */
  boolean offer(OutgoingLine.Kind kind, String to, String text) {
    return offer(kind, to, text, null);
  }

  /** As {@link #offer(OutgoingLine.Kind, String, String)}, for a room on a server with rooms. */
  boolean offer(OutgoingLine.Kind kind, String to, String text, String room) {
    int length = text.codePointCount(0, text.length());
    if (length > Wire.DEFAULT_MAX_MESSAGE_CHARS) {
      outbox.tooLong();
      view.info("not sent: a message is at most " + Wire.DEFAULT_MAX_MESSAGE_CHARS + " characters; this one has " + length);
      return true;
    }
    if (interactive) {
      // A person must never be blocked, so what is typed while away is kept only up to a bound.
      if (!channel.ready() && outbox.waiting() >= MAX_TYPED_WHILE_AWAY) {
        outbox.dropped();
        view.info("not kept: " + MAX_TYPED_WHILE_AWAY + " lines already wait for the connection to come back");
        return true;
      }
    } else if (outbox.waiting() >= MAX_WAITING_LINES && !channel.closed()) {
      return false;
    }
    outbox.add(kind, to, text, room);
    if (interactive && !channel.ready() && !toldWaiting) {
      // Piped lines simply wait; only a person typing needs telling.
      toldWaiting = true;
      view.info(
          channel.everJoined()
              ? "not connected: lines you type now are sent once reconnected"
              : "not connected yet: lines you type now are sent once connected");
    }
    sendWaiting();
    return true;
  }

  /** A line typed in no room, on a server with rooms: not sent, and so not delivered. */
  void inNoRoom() {
    outbox.inNoRoom();
    progress();
  }

  /**
   * Sends what waits, as the pace allows; what it does not allow goes out later, and while the
   * outbox holds, the answer to the line in flight sends the next.
   */
  void sendWaiting() {
    while (channel.ready() && !channel.roomFramesWaiting() && outbox.mayTakeNext(unechoedLimit())) {
      long now = clock.nanoTime();
      long wait = retryWait.nanosLeft(now);
      if (wait <= 0 && !pace.tryTake(now)) {
        wait = pace.nanosUntilNext(now);
      }
      if (wait > 0) {
        if (pendingSend == null || pendingSend.done()) {
          pendingSend = clock.after(wait, this::sendLater);
        }
        return;
      }
      boolean retry = outbox.nextIsRetry();
      Optional<ClientFrame> frame = outbox.peekNext().frameFor(channel.capabilities(), channel.name());
      if (frame.isEmpty()) {
        view.info("not sent: this server cannot send private messages");
        outbox.unsendable();
        progress();
        continue;
      }
      outbox.takeNext();
      if (!channel.send(frame.get())) {
        return; // Closing: the close event decides what becomes of the line.
      }
      if (!retry) {
        progress(); // Sending a line again is no progress: an outage must not keep a pipe waiting.
      }
    }
  }

  private void sendLater() {
    pendingSend = null; // This run is not done yet, and may have to schedule the next.
    sendWaiting();
  }

  /**
   * How many lines may go without their echo: to a server that remembers ids, few enough that it
   * still remembers all of them when they go again after a reconnect; to any other, all there
   * are, as it may not answer every line.
   */
  private int unechoedLimit() {
    return channel.capabilities().contains(Wire.CAPABILITY_IDS) ? Wire.MAX_UNECHOED_LINES : Integer.MAX_VALUE;
  }

  /** This connection's server named its rate and burst, or left them to its defaults. */
  void welcomed(int rate, int burst) {
    pace = new Pace(rate, burst, clock.nanoTime());
  }

  /** The session joined on this connection; what waits may go, with {@link #sendWaiting}. */
  void joined() {
    toldWaiting = false;
    progress();
  }

  /** A message came: shown, and, when it is an own line's echo, in the order typed. */
  void echoed(boolean own, String clientId, Runnable show) {
    if (!own) {
      show.run();
    } else if (ownEchoes.echoed(clientId, show)) {
      progress();
      lineTaken();
    }
  }

  /**
   * The server took a line: the next outage starts its retries afresh, and lines held back while
   * it could not take them go.
   */
  private void lineTaken() {
    retryWait.taken();
    if (toldRetrying) {
      view.info("the server takes lines again");
    }
    toldRetrying = false;
    sendWaiting();
  }

  /**
   * An error from the server that may be about a line this client sent.
   *
   * @return whether it was, and has been dealt with: refused (and shown), or kept to go again
   */
  boolean answered(ErrorReply error) {
    // A line in a muted room is refused for good, never sent again after a reconnect, when the
    // room may be unmuted or, after a restart, no longer muted; refusals of moderation requests
    // share the code but name no line.
    boolean mutedLine = ErrorCode.NOT_PERMITTED.wireName().equals(error.code()) && error.clientId() != null;
    if (REFUSES_A_LINE.contains(error.code()) || mutedLine) {
      view.serverError(error);
      outbox.refused(error.clientId());
      progress();
      sendWaiting();
      return true;
    }
    if (ErrorCode.UNAVAILABLE.wireName().equals(error.code()) && outbox.unavailable(error.clientId())) {
      // Not refused: not taken just now. The line is kept, and goes again a little later; said
      // once an outage, not once a retry of every kept line.
      retryWait.refused(clock.nanoTime(), !outbox.awaitingAnswers());
      if (!toldRetrying) {
        toldRetrying = true;
        view.info("the server cannot take lines just now; they are kept and sent again");
      }
      sendWaiting();
      return true;
    }
    return false;
  }

  /**
   * The connection dropped. A server that resumes sessions takes lines sent again under their ids
   * only once, so those whose echo did not come go again; to any other, they may or may not have
   * arrived.
   */
  void connectionLost(boolean resumable) {
    int lost = outbox.connectionLost(resumable);
    if (lost > 0 && !resumable) {
      view.info(lost + (lost == 1 ? " line" : " lines") + " sent just before may not have reached anyone");
      progress();
    }
  }

  /** The session ends: own lines held for those before them are shown, in the order typed. */
  void closed() {
    ownEchoes.showAll();
  }

  private void progress() {
    lastProgress = clock.nanoTime();
    ownEchoes.settled();
  }

  /** When a line last went out or got an outcome, or the session joined, by the session's clock. */
  long lastProgress() {
    return lastProgress;
  }

  /** Whether every line typed has an outcome. */
  boolean settled() {
    return outbox.settled();
  }

  /** Lines typed that wait to be sent. */
  int waiting() {
    return outbox.waiting();
  }

  /** How fast frames go out on this connection: room frames take from the same bucket. */
  Pace pace() {
    return pace;
  }

  /** Whether lines sent wait for their answer. */
  boolean awaitingAnswers() {
    return outbox.awaitingAnswers();
  }

  DeliveryReport report() {
    return outbox.report();
  }
}
