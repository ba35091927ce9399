package dev.termchat.server.edge;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ProtocolException;
import dev.termchat.protocol.Register;
import dev.termchat.server.room.Dialect;
import dev.termchat.server.room.Member;
import dev.termchat.server.wire.FrameWriter;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * The frames an open connection receives: read within their limits ({@link FrameReader}, whose
 * message buffers draw on the {@link InputBudget}), within the connection's rates ({@link
 * RateLimiter}), in the client's dialect, decoded and handed to the room ({@link
 * ChatFrameHandler}). Whatever ends the connection it hands on as a {@link Disconnect}.
 *
 * <p>Confined to the I/O thread, except {@link #dialect}, which the room reads.
 */
final class Inbound implements FrameReader.Handler {
  /** What the frames ask of the rest of the connection. */
  interface Owner {
    void close(Disconnect disconnect);

    /** The name the room registered the client under, or null. */
    String name();
  }

  private final EdgeContext context;
  private final Member member;
  private final InputBudget.Holder holder;
  private final SocketWriter writer;
  private final Owner owner;
  private final LongSupplier clock;

  /**
   * What the client speaks: extended when it negotiated the extension, else base, or plain text
   * once its first frame was no JSON. Written on the I/O thread before the room hears of the
   * change; read by the room.
   */
  private volatile Dialect dialect = Dialect.BASE;

  // Confined to the I/O thread; null until open.
  private FrameReader reader;
  private ChatFrameHandler frames;
  private RateLimiter messageRate;
  private RateLimiter controlRate;
  /** Whether a text frame came from the client yet. */
  private boolean textSeen;
  /**
   * Whether the client sent its register frame: what the registration deadline asks, whatever
   * the room's backlog in applying it.
   */
  private boolean registerSent;
  /**
   * Whether the client must still give the server's password, in-band: a browser, which cannot
   * send it at the handshake. Nothing else is taken until it does.
   */
  private boolean locked;
  /** Whether input is read and dropped: set once the connection stops being open. */
  private boolean stopped;

  Inbound(EdgeContext context, Member member, InputBudget.Holder holder, SocketWriter writer, Owner owner, LongSupplier clock) {
    this.context = context;
    this.member = member;
    this.holder = holder;
    this.writer = writer;
    this.owner = owner;
    this.clock = clock;
  }

  /** The handshake is done: frames flow from now on. */
  void open(boolean extended) {
    open(extended, false);
  }

  /** As {@link #open(boolean)}; a locked connection takes no frame but the server's password. */
  void open(boolean extended, boolean locked) {
    this.locked = locked;
    EdgeSettings settings = context.settings();
    long now = clock.getAsLong();
    dialect = extended ? Dialect.EXTENDED : Dialect.BASE;
    frames = new ChatFrameHandler(member, context.room(), context.accounts(), settings.maxMessageChars(), new RecallRate(now), clock);
    reader = new FrameReader(settings.maxMessageBytes(), settings.maxFragments(), context.inputBudget().allowance(holder));
    messageRate = new RateLimiter(settings.messagesPerSecond(), settings.burst(), now);
    controlRate = new RateLimiter(settings.messagesPerSecond(), settings.burst(), now);
  }

  Dialect dialect() {
    return dialect;
  }

  boolean registerSent() {
    return registerSent;
  }

  /** Reads the bytes given, frame by frame; dropped once stopped. */
  void read(ByteBuffer bytes) {
    if (stopped || reader == null) {
      bytes.position(bytes.limit());
      return;
    }
    try {
      reader.read(bytes, this);
    } catch (FrameReader.ProtocolViolation violation) {
      stop();
      owner.close(Disconnect.close(violation.closeCode(), violation.getMessage()).logged("Closing {}: " + violation.getMessage()));
    }
  }

  /** Reads and drops all input from now on, and lets go of any still arriving. Idempotent. */
  void stop() {
    stopped = true;
    if (reader != null) {
      reader.dropMessage();
    }
    context.inputBudget().giveBack(holder);
  }

  @Override
  public void onText(String text) {
    if (stopped) {
      return; // After a close frame, data is dropped.
    }
    switch (messageRate.onFrame(clock.getAsLong())) {
      case DISCONNECT -> flooding();
      case DROP -> {
        context.meters().rateLimited();
        context.room().reject(member, ErrorCode.RATE_LIMITED, rateLimitReason(), dialect.extended() ? LineIdPeek.of(text) : null);
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
        context.room().reject(member, e.code(), e.getMessage());
      }
      return;
    }
    if (locked) {
      unlock(frame);
      return;
    }
    if (frame instanceof Register) {
      if (registerSent) {
        // The room refuses a second register whatever it holds: refused here, it never reaches
        // a cluster's log, where a hostile client could fill Redis with them.
        String current = owner.name();
        context.room().reject(member, ErrorCode.ALREADY_REGISTERED, "already registered" + (current == null ? "" : " as " + current));
        return;
      }
      registerSent = true;
      if (dialect == Dialect.EXTENDED && ((Register) frame).asksForRooms()) {
        // Before the room sees the register: it is encoded for as a rooms client from its join on.
        dialect = Dialect.ROOMS;
      }
    }
    frame.accept(frames);
  }

  /** A frame of a locked connection: the server's password opens it, nothing else is taken. */
  private void unlock(ClientFrame frame) {
    if (frame instanceof AccountRequest request && AccountRequest.ACCESS.equals(request.op())) {
      locked = !context.accounts().access(member, request.password());
    } else {
      context.room().reject(member, ErrorCode.LOGIN_FAILED, "this server wants its password first, in an account frame with op access");
    }
  }

  /**
   * A client whose first frame is no JSON speaks plain text, as the seed's first chat did: it
   * joins under a guest name, and each of its lines is a message to everyone.
   */
  private void becomePlain(String firstLine) {
    dialect = Dialect.PLAIN;
    registerSent = true;
    context.room().joinPlain(member);
    frames.plainLine(firstLine);
  }

  @Override
  public void onPing(byte[] payload) {
    if (!stopped && controlAllowed()) {
      writer.send(FrameWriter.pong(payload));
    }
  }

  @Override
  public void onPong() {
    if (!stopped) {
      controlAllowed();
    }
  }

  @Override
  public void onClose(int code, String reason) {
    if (!stopped) {
      // The close handshake: our close frame answers theirs, after what is already queued.
      owner.close(Disconnect.answer(code, reason));
    }
    // When closing already, this was the answer to ours: the peer ends the connection next.
  }

  /** Whether a control frame is within the connection's rate; a flood closes it. */
  private boolean controlAllowed() {
    return switch (controlRate.onFrame(clock.getAsLong())) {
      case ALLOW -> true;
      case DROP -> false; // Left unanswered: RFC 6455 lets a pong answer only the latest ping.
      case DISCONNECT -> {
        flooding();
        yield false;
      }
    };
  }

  private void flooding() {
    owner.close(Disconnect.close(CloseCodes.POLICY, "flooding").logged("Disconnecting {}: flooding"));
  }

  private String rateLimitReason() {
    EdgeSettings settings = context.settings();
    return "slow down: at most " + settings.messagesPerSecond() + " messages a second, "
        + settings.burst() + " at once";
  }
}
