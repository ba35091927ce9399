package dev.termchat.server.edge;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.ProtocolException;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Wire;
import dev.termchat.server.log.LogFields;
import dev.termchat.server.room.ChatRoom;
import dev.termchat.server.room.Dialect;
import dev.termchat.server.room.Member;
import dev.termchat.server.wire.FrameWriter;
import dev.termchat.server.wire.OutgoingFrame;
import dev.termchat.server.room.Who;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client socket, from accept to close: its handshake, the frames it sends, everything
 * written to it, and its one way out.
 *
 * <p>Its life is one {@link State}, changed only on the I/O thread. Every byte for the client
 * goes through its {@link Outbound}, in order, within one limit. Every close ends in {@link
 * #release}, once: a close handshake ({@link #closeWith}, or the peer's close frame), or at once
 * and by a reset ({@link #abort}); the room hears {@link ChatRoom#leave} once, when the
 * connection stops being open.
 *
 * <p>Threads: the I/O thread reads, runs the timers and closes; the room thread queues frames
 * ({@link #enqueue}) and writes them ({@link #flush}). Writes from two threads never overlap:
 * whoever finds others writing leaves its frames to them.
 */
final class Connection implements Member, FrameReader.Handler, InputBudget.Holder {
  private static final Logger log = LoggerFactory.getLogger(Connection.class);
  /** Reads per readiness event, so that one busy client cannot hold up the rest. */
  private static final int READS_PER_TURN = 16;
  static final int GOING_AWAY = 1001;
  private static final int POLICY = 1008;
  /** RFC 6455's "service restart": the client may reconnect. */
  private static final int SERVICE_RESTART = 1012;
  /** The first byte of a TLS ClientHello; no HTTP request starts with it. */
  private static final byte TLS_HANDSHAKE_RECORD = 0x16;
  static final int INTERNAL_ERROR = 1011;
  /** What a connection that ended without a close handshake counts as (RFC 6455, 7.1.5). */
  private static final int ABNORMAL = 1006;

  enum State {
    /** Reading the HTTP request. */
    HANDSHAKE,
    /** A WebSocket: frames flow both ways. */
    OPEN,
    /** A final frame (close, or a refusal) is queued or going out; input is read and dropped. */
    CLOSING,
    /** The final frame is out and the output shut; waiting for the peer to close its side. */
    LINGERING,
    /** Closed and released. */
    CLOSED
  }

  private final Who who;
  private final IoLoop loop;
  private final EdgeContext context;
  private final Transport transport;
  private final SelectionKey key;
  private final InetAddress remote;
  private final String address;
  private final QueueBudget.Share queued;
  private final Outbound outbound;
  /** Threads that want to write now; only the one that made it non-zero writes. */
  private final AtomicInteger writers = new AtomicInteger();

  /**
   * What the client speaks: extended when it negotiated the extension, else base, or plain text
   * once its first frame was no JSON. Set on the I/O thread before the room hears of the change.
   */
  private volatile Dialect dialect = Dialect.BASE;
  /** Set by the room thread once the client registered; read anywhere. */
  private volatile String name;

  // Confined to the I/O thread.
  private State state = State.HANDSHAKE;
  /** The HTTP request as it arrives, while in the handshake. */
  private RequestHead head;
  private FrameReader reader;
  private ChatFrameHandler frames;
  /** Whether a text frame came from the client yet. */
  private boolean textSeen;
  private RateLimiter messageRate;
  private RateLimiter controlRate;
  /** When the current state times out: handshake, registration, or the end of closing. */
  private long deadline;
  private long lastHeard;
  private long pingSent;
  private long nextPing;
  private boolean admitted;
  private boolean watchingWrites;
  private boolean discardInput;
  /** The code of the close frame queued for the client, 0 before one is. */
  private int closeCode;
  /**
   * Whether the client sent its register frame: what the registration deadline asks, whatever
   * the room's backlog in applying it.
   */
  private boolean registerSent;
  /** The close frame to send once the room has let the connection go. */
  private ByteBuffer pendingClose;

  Connection(long id, IoLoop loop, EdgeContext context, Transport transport, SelectionKey key, long now) {
    this.who = new Who(context.node(), id);
    this.loop = loop;
    this.context = context;
    this.transport = transport;
    this.key = key;
    InetSocketAddress peer = (InetSocketAddress) transport.socket().socket().getRemoteSocketAddress();
    this.remote = peer == null ? InetAddress.getLoopbackAddress() : peer.getAddress();
    this.address = Addresses.hostAndPort(peer);
    EdgeSettings settings = context.settings();
    this.queued = context.queueBudget().open(remote, context.admission().countsPerAddress(remote), this::droppedForBudget);
    this.outbound =
        new Outbound(settings.maxQueuedBytes(), settings.hardMaxQueuedBytes(), settings.stallGrace(), loop::now, queued);
    this.deadline = now + settings.handshakeTimeout().toNanos();
  }

  // ---- Member, for the room ----

  @Override
  public Who who() {
    return who;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public void registeredAs(String registeredName) {
    name = registeredName;
  }

  @Override
  public boolean enqueue(OutgoingFrame frame) {
    return switch (outbound.add(frame.bytes(), frame.usersList())) {
      case FIRST -> true;
      case QUEUED, ENDED -> false;
      case OVER_LIMIT -> {
        tooSlow();
        yield false;
      }
    };
  }

  /**
   * Writes what is queued, on this thread, as far as the socket takes it, unless another thread
   * is writing, which then writes this thread's frames too. What the socket does not take waits
   * for the I/O thread to see it writable. TLS is written on the I/O thread only.
   */
  @Override
  public void flush() {
    if (!transport.writableFromAnyThread() && !loop.inLoop()) {
      loop.execute(this::flush);
      return;
    }
    if (writers.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      writeQueued();
      missed = writers.addAndGet(-missed);
    } while (missed != 0);
  }

  private void writeQueued() {
    boolean done;
    try {
      done = outbound.writeTo(transport);
    } catch (IOException e) {
      outbound.abandon();
      loop.runInLoop(() -> abort("connection lost: " + e.getMessage()));
      return;
    }
    if (!done) {
      loop.runInLoop(this::watchWrites);
    } else if (outbound.finalWritten()) {
      loop.runInLoop(this::finalFrameWritten);
    }
  }

  // ---- Reading, on the I/O thread ----

  /** The socket has bytes, or its end, to read. */
  void onReadable(ByteBuffer scratch) {
    try {
      for (int reads = 0; reads < READS_PER_TURN && state != State.CLOSED; reads++) {
        scratch.clear();
        int read = transport.read(scratch);
        if (read < 0) {
          onEndOfStream();
          return;
        }
        if (read == 0) {
          if (transport.hasBufferedInput()) {
            continue;
          }
          return;
        }
        scratch.flip();
        lastHeard = loop.now();
        consume(scratch);
      }
      if (state != State.CLOSED && transport.hasBufferedInput()) {
        loop.readSoon(this);
      }
    } catch (IOException e) {
      abort("connection lost: " + e.getMessage());
    }
  }

  private void consume(ByteBuffer bytes) {
    switch (state) {
      case HANDSHAKE -> readHandshake(bytes);
      case OPEN, CLOSING -> readFrames(bytes);
      case LINGERING, CLOSED -> bytes.position(bytes.limit()); // dropped
    }
  }

  private void readFrames(ByteBuffer bytes) {
    if (discardInput) {
      bytes.position(bytes.limit());
      return;
    }
    try {
      reader.read(bytes, this);
    } catch (FrameReader.ProtocolViolation violation) {
      stopReading();
      if (state == State.OPEN) {
        logClose(violation.closeCode(), "Closing {}: {}", describe(), violation.getMessage());
        closeWith(violation.closeCode(), violation.getMessage());
      }
    }
  }

  private void readHandshake(ByteBuffer bytes) {
    if (head == null && bytes.hasRemaining() && bytes.get(bytes.position()) == TLS_HANDSHAKE_RECORD) {
      // A wss:// client at a ws:// port: no HTTP request will come, so it is told at once, by the
      // end of the connection, rather than after the handshake timeout.
      log.debug("Closing {}: a TLS handshake on a plain port", address);
      release();
      return;
    }
    if (head == null) {
      head = new RequestHead(context.inputBudget(), this);
    }
    RequestHead.Progress progress = head.add(bytes);
    if (progress != RequestHead.Progress.WHOLE) {
      if (progress != RequestHead.Progress.MORE) {
        log.debug("Closing {}: {}", address, progress == RequestHead.Progress.TOO_LONG
            ? "handshake over " + Handshake.MAX_BYTES + " bytes"
            : "no room for its handshake among those of others");
        release();
      }
      return;
    }
    ByteBuffer received = head.received();
    int end = head.end();
    head = null;
    Handshake.Result result = Handshake.read(received.duplicate().limit(end));
    if (result.refusal().isPresent()) {
      refuse(result.refusal().get(), false);
      return;
    }
    if (result.plain().isPresent()) {
      Handshake.PlainGet get = result.plain().get();
      Optional<HttpAnswer> page = context.plainHttp().answer(new PlainHttp.Request(get.path(), remote, get.host(), get.forwarded()));
      if (page.isEmpty()) {
        refuse(Refusal.notWebSocket(), false);
      } else {
        endWith(get.head() ? page.get().headBytes() : page.get().bytes());
      }
      return;
    }
    Handshake.Request request = result.request().orElseThrow();
    Optional<Refusal> refusal = context.policy().check(request.headers());
    if (refusal.isEmpty()) {
      refusal = context.admission().admit(remote);
      admitted = refusal.isEmpty();
    }
    if (refusal.isPresent()) {
      refuse(refusal.get(), true);
      return;
    }
    open(request);
    // Frames the client sent right behind its request.
    readFrames(received.position(end));
  }

  private void open(Handshake.Request request) {
    EdgeSettings settings = context.settings();
    long now = loop.now();
    boolean extended = request.extended();
    dialect = extended ? Dialect.EXTENDED : Dialect.BASE;
    state = State.OPEN;
    context.room().attach(this);
    frames = new ChatFrameHandler(this, context.room(), settings.maxMessageChars());
    reader = new FrameReader(settings.maxMessageBytes(), settings.maxFragments(), context.inputBudget().allowance(this));
    messageRate = new RateLimiter(settings.messagesPerSecond(), settings.burst(), now);
    controlRate = new RateLimiter(settings.messagesPerSecond(), settings.burst(), now);
    lastHeard = now;
    nextPing = now + settings.pingInterval().toNanos();
    deadline = now + settings.registrationTimeout().toNanos();
    outbound.add(Handshake.accept(request), false);
    if (extended) {
      outbound.add(context.welcome().bytes(), false);
    }
    flush();
    log.debug("Connection from {}{}", address, extended ? " (extended)" : "");
  }

  private void refuse(Refusal refusal, boolean policy) {
    context.meters().refused("http-" + refusal.status());
    if (policy && context.refusalLog().allow()) {
      try (LogFields fields = LogFields.of("event", "refused", "address", address, "status", refusal.status())) {
        log.info("Refused a connection from {}: {}", remote.getHostAddress(), refusal.reason());
      }
    } else if (!policy) {
      log.debug("Refused a connection from {}: {}", address, refusal.reason());
    }
    endWith(refusal.httpResponse());
  }

  /** Answers a request that opens no WebSocket, and ends the connection once the answer is out. */
  private void endWith(ByteBuffer response) {
    state = State.CLOSING;
    stopReading();
    deadline = loop.now() + context.settings().closeTimeout().toNanos();
    outbound.addFinal(response);
    flush();
  }

  // ---- Frames from the client, on the I/O thread ----

  @Override
  public void onText(String text) {
    if (state != State.OPEN) {
      return; // After a close frame, data is dropped.
    }
    switch (messageRate.onFrame(loop.now())) {
      case DISCONNECT -> flooding();
      case DROP -> {
        context.meters().rateLimited();
        context.room().reject(this, ErrorCode.RATE_LIMITED, rateLimitReason());
      }
      case ALLOW -> dispatch(text);
    }
  }

  private void dispatch(String text) {
    boolean first = !textSeen;
    textSeen = true;
    if (dialect == Dialect.PLAIN) {
      frames.plainLine(text);
      return;
    }
    ClientFrame frame;
    try {
      frame = context.codec().decodeClientFrame(text);
    } catch (ProtocolException e) {
      // Not a JSON object: a person typing plain lines, even one whose first line is "42".
      boolean notAnObject = e.code() == ErrorCode.INVALID_JSON || !text.stripLeading().startsWith("{");
      if (first && dialect == Dialect.BASE && notAnObject) {
        becomePlain(text);
      } else {
        context.room().reject(this, e.code(), e.getMessage());
      }
      return;
    }
    if (frame instanceof Register) {
      if (registerSent) {
        // The room refuses a second register whatever it holds: refused here, it never reaches
        // a cluster's log, where a hostile client could fill Redis with them.
        String current = name;
        context.room().reject(this, ErrorCode.ALREADY_REGISTERED, "already registered" + (current == null ? "" : " as " + current));
        return;
      }
      registerSent = true;
    }
    frame.accept(frames);
  }

  /**
   * A client whose first frame is no JSON speaks plain text, as the seed's first chat did: it
   * joins under a guest name, and each of its lines is a message to everyone.
   */
  private void becomePlain(String firstLine) {
    dialect = Dialect.PLAIN;
    registerSent = true;
    context.room().joinPlain(this);
    frames.plainLine(firstLine);
  }

  @Override
  public void onPing(byte[] payload) {
    if (state == State.OPEN && controlAllowed()) {
      queueControl(FrameWriter.pong(payload));
    }
  }

  @Override
  public void onPong() {
    if (state == State.OPEN) {
      controlAllowed();
    }
  }

  @Override
  public void onClose(int code, String reason) {
    if (state == State.OPEN) {
      // The close handshake: our close frame answers theirs, after what is already queued.
      int echo = code == FrameReader.CLOSE_NO_STATUS ? FrameReader.CLOSE_NORMAL : code;
      closeAfterQueued(echo, "");
      context.room().quit(this, describeClose(code, reason));
      sendCloseUnlessRoomRuns();
    }
    // When closing already, this was the answer to ours: the peer ends the connection next.
  }

  /** Whether a control frame is within the connection's rate; a flood closes it. */
  private boolean controlAllowed() {
    return switch (controlRate.onFrame(loop.now())) {
      case ALLOW -> true;
      case DROP -> false; // Left unanswered: RFC 6455 lets a pong answer only the latest ping.
      case DISCONNECT -> {
        flooding();
        yield false;
      }
    };
  }

  private void flooding() {
    logClose(POLICY, "Disconnecting {}: flooding", describe());
    closeWith(POLICY, "flooding");
  }

  private String rateLimitReason() {
    EdgeSettings settings = context.settings();
    return "slow down: at most " + settings.messagesPerSecond() + " messages a second, "
        + settings.burst() + " at once";
  }

  private void queueControl(ByteBuffer frame) {
    switch (outbound.add(frame, false)) {
      case FIRST -> flush();
      case QUEUED, ENDED -> {}
      case OVER_LIMIT -> tooSlow();
    }
  }

  // ---- Timers and writes, on the I/O thread ----

  /** Checks this connection's deadlines and its liveness. */
  void tick(long now) {
    switch (state) {
      case HANDSHAKE -> {
        if (now - deadline > 0) {
          log.debug("Closing {}: no handshake within {}", address, context.settings().handshakeTimeout());
          release();
        }
      }
      case OPEN -> tickOpen(now);
      case CLOSING -> {
        if (now - deadline > 0) {
          // Its final frame is still queued: the peer stopped taking what it was sent.
          release(true);
        }
      }
      case LINGERING -> {
        if (now - deadline > 0) {
          release(); // The final frame is out: the kernel sends it after the rest, and a FIN.
        }
      }
      case CLOSED -> {}
    }
  }

  private void tickOpen(long now) {
    EdgeSettings settings = context.settings();
    if (!registerSent && now - deadline > 0) {
      long seconds = settings.registrationTimeout().toSeconds();
      logClose(POLICY, "Closing {}: did not register within {} s", describe(), seconds);
      closeWith(POLICY, "register within " + seconds + " s");
      return;
    }
    if (now - nextPing >= 0) {
      if (pingSent != 0 && lastHeard - pingSent < 0) {
        log.debug("Dropping {}: no answer to a ping", describe());
        abort("connection lost: no answer to ping");
        return;
      }
      pingSent = now;
      nextPing = now + settings.pingInterval().toNanos();
      queueControl(FrameWriter.ping());
    }
  }

  /** The socket takes bytes again. */
  void onWritable() {
    watchingWrites = false;
    if (key.isValid()) {
      key.interestOps(SelectionKey.OP_READ);
    }
    try {
      if (transport.hasPendingOutput()) {
        transport.writePending();
      }
    } catch (IOException e) {
      abort("connection lost: " + e.getMessage());
      return;
    }
    flush();
    if (state != State.CLOSED && transport.hasPendingOutput()) {
      watchWrites(); // TLS still handshaking, or still holding bytes of its own
    }
  }

  private void watchWrites() {
    if (!watchingWrites && state != State.CLOSED && key.isValid()) {
      watchingWrites = true;
      key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }
  }

  // ---- Closing, on the I/O thread ----

  /** The server is going away: the code after whatever is queued; a handshake just ends. */
  void goAway(int code, String reason) {
    if (state == State.OPEN) {
      closeWith(code, reason);
    } else if (state == State.HANDSHAKE) {
      release();
    }
  }

  /** A failure of the server's own while serving this connection. */
  void failed(Throwable e) {
    log.error("Closing {} after a failure", describe(), e);
    if (state == State.OPEN) {
      closeWith(INTERNAL_ERROR, "server error");
    } else {
      release();
    }
  }

  /** Starts the close handshake with a code of the server's; the connection leaves the room now. */
  void closeWith(int code, String reason) {
    if (state == State.OPEN) {
      startClosing(code, reason, describeClose(code, reason));
    }
  }

  /**
   * Leaves the room and closes once the room has queued everything it had for this client, so
   * that the close frame comes after the replies to the frames before it. Input is read and
   * dropped from now on.
   */
  private void startClosing(int code, String reason, String why) {
    closeAfterQueued(code, reason);
    leaveRoom(why);
    sendCloseUnlessRoomRuns();
  }

  private void sendCloseUnlessRoomRuns() {
    if (!context.room().running()) {
      sendClose(); // No room to wait for.
    }
  }

  /** The close frame waits for the room: it is sent when the room lets the connection go. */
  private void closeAfterQueued(int code, String reason) {
    if (closeCode == 0) {
      closeCode = code;
    }
    state = State.CLOSING;
    stopReading();
    deadline = loop.now() + context.settings().closeTimeout().toNanos();
    pendingClose = FrameWriter.close(code, reason);
  }

  @Override
  public void left() {
    loop.runInLoop(
        () -> {
          if (state == State.OPEN) {
            // The room let it go without its asking: its node was taken for gone by the others
            // (it lost the shared log for too long). The client comes back by reconnecting.
            logClose(SERVICE_RESTART, "Closing {}: the room let it go", describe());
            closeAfterQueued(SERVICE_RESTART, "dropped from the room; reconnect");
          }
          sendClose();
        });
  }

  @Override
  public void replaced() {
    loop.runInLoop(
        () -> {
          if (state == State.OPEN) {
            logClose(Wire.CLOSE_RESUMED_ELSEWHERE, "Closing {}: its session was resumed on another connection", describe());
            closeAfterQueued(Wire.CLOSE_RESUMED_ELSEWHERE, "resumed on another connection");
            sendClose();
          }
        });
  }

  private void sendClose() {
    if (state == State.CLOSING && pendingClose != null) {
      outbound.addFinal(pendingClose);
      pendingClose = null;
      flush();
    }
  }

  /** The close frame or refusal is out: end the output, and wait for the peer to end its own. */
  private void finalFrameWritten() {
    if (state != State.CLOSING) {
      return;
    }
    try {
      transport.shutdownOutput();
      state = State.LINGERING;
    } catch (IOException e) {
      release();
    }
  }

  private void onEndOfStream() {
    if (state == State.OPEN) {
      abort("connection lost");
    } else {
      release();
    }
  }

  /**
   * Ends the connection now, without a close handshake: by a reset ({@link #release(boolean)}),
   * unless its final frame is out already, which the kernel then still sends.
   */
  void abort(String why) {
    if (state == State.OPEN) {
      leaveRoom(why);
    }
    release(state != State.LINGERING);
  }

  /**
   * The input of others needs room, and this connection's handshake or message in progress began
   * before any other's: it goes, a WebSocket with 1013 (try again later).
   */
  @Override
  public void inputEvicted() {
    if (state == State.HANDSHAKE) {
      log.debug("Closing {}: its handshake was the oldest when others needed room", address);
      release();
    } else if (state == State.OPEN) {
      if (context.budgetLog().allow()) {
        logClose(FrameReader.CLOSE_TRY_AGAIN_LATER, "Closing {}: its message in progress was the oldest when others needed room", describe());
      }
      closeWith(FrameReader.CLOSE_TRY_AGAIN_LATER, "the server is busy with other messages; send it again");
    } else {
      stopReading();
    }
  }

  /** Reads and drops all input from now on, and lets go of any still arriving. */
  private void stopReading() {
    discardInput = true;
    if (reader != null) {
      reader.dropMessage();
    }
    context.inputBudget().giveBack(this);
  }

  /**
   * The queues of all clients, or of this one's address, hold more than the budget lets them,
   * and this one holds the most: it goes as too slow, on any thread.
   */
  private void droppedForBudget(long held, String full) {
    if (outbound.ended() && outbound.isEmpty()) {
      return; // Gone already.
    }
    outbound.abandon();
    if (context.budgetLog().allow()) {
      logClose(POLICY, "Disconnecting {}: too slow, {} bytes waiting to be sent, the most when {} were full", describe(), held, full);
    }
    loop.runInLoop(() -> abort("close code 1008: too slow"));
  }

  private void tooSlow() {
    logClose(POLICY, "Disconnecting {}: too slow, over {} bytes waiting to be sent", describe(), context.settings().maxQueuedBytes());
    // It is not reading, so a close frame would wait behind everything else: end it now.
    loop.runInLoop(() -> abort("close code 1008: too slow"));
  }

  private void leaveRoom(String why) {
    context.room().leave(this, why);
  }

  /** Closes the socket gracefully and gives back its place: see {@link #release(boolean)}. */
  private void release() {
    release(false);
  }

  /**
   * Closes the socket and gives back its place. The one end of every connection.
   *
   * @param reset whether the kernel drops what it still holds for the peer ({@link
   *     Transport#reset}): for a connection dropped or timed out, whose peer may never take it.
   *     Otherwise, a close handshake that ran its course or a socket sent nothing yet, the kernel
   *     sends it, then a FIN, so that the close frame or the answer is not lost.
   */
  private void release(boolean reset) {
    if (state == State.CLOSED) {
      return;
    }
    if (frames != null) {
      // A WebSocket that opened: counted by its close code, or 1006 when it just ended.
      context.meters().closed(closeCode == 0 ? ABNORMAL : closeCode);
    }
    state = State.CLOSED;
    outbound.abandon();
    queued.close();
    reader = null;
    head = null;
    context.inputBudget().giveBack(this);
    pendingClose = null;
    key.cancel();
    try {
      if (reset) {
        transport.reset();
      } else {
        transport.close();
      }
    } catch (IOException e) {
      log.debug("Closing {} failed: {}", address, e.toString());
    }
    if (admitted) {
      context.admission().release(remote);
    }
    context.admission().socketClosed(remote);
    loop.released(this);
  }

  State state() {
    return state;
  }

  /** A line about closing the connection, with the code as a field for JSON logs. */
  private void logClose(int code, String format, Object... arguments) {
    try (LogFields fields = LogFields.of("event", "close", "name", name, "address", address, "code", code)) {
      log.info(format, arguments);
    }
  }

  long queuedBytes() {
    return outbound.bytes();
  }

  /** A short description for logs: the name when there is one, and the address. */
  String describe() {
    String current = name;
    return current == null ? address : Printable.escape(current) + " (" + address + ")";
  }

  static String describeClose(int code, String reason) {
    String what =
        switch (code) {
          case FrameReader.CLOSE_NORMAL, FrameReader.CLOSE_NO_STATUS -> "closed";
          case GOING_AWAY -> "going away";
          default -> "close code " + code;
        };
    return reason == null || reason.isEmpty() ? what : what + ": " + Printable.escape(reason);
  }


}
