package dev.termchat.server.edge;

import dev.termchat.protocol.Printable;
import dev.termchat.server.room.Dialect;
import dev.termchat.server.room.Who;
import dev.termchat.server.wire.FrameWriter;
import dev.termchat.server.wire.OutgoingFrame;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client socket, from accept to close: a coordinator over stages of one role each. The
 * {@link HandshakeReader} turns the first bytes into an outcome; {@link Inbound} reads the
 * frames of an open connection; the {@link SocketWriter} is the one owner of every byte the
 * client is sent; {@link Liveness} says when to ping and when to give up. The connection itself
 * holds its life and its one way out, {@link #close(Disconnect)}, which {@link Closing} carries out.
 *
 * <p>Threads: the I/O thread reads, runs the timers and closes; the room thread queues frames
 * ({@link #enqueue}) and writes them ({@link #flush}); any thread asks for a close through the
 * {@link IoSlot}, which carries it out on the I/O thread.
 */
final class Connection implements Closing.Subject, Inbound.Owner, SocketWriter.Events, InputBudget.Holder {
  private static final Logger log = LoggerFactory.getLogger(Connection.class);
  /** Reads per readiness event, so that one busy client cannot hold up the rest. */
  private static final int READS_PER_TURN = 16;

  private final Who who;
  private final EdgeContext context;
  private final Transport transport;
  private final IoSlot slot;
  private final String address;
  private final QueueBudget.Share queued;
  private final SocketWriter writer;
  private final HandshakeReader handshake;
  private final Inbound inbound;
  private final Closing closing;

  /** Set by the room thread once the client registered; read anywhere. */
  private volatile String name;
  /** Set once open. Confined to the I/O thread. */
  private Liveness liveness;

  Connection(long id, IoSlot slot, EdgeContext context, Transport transport, InetSocketAddress peer) {
    this.who = new Who(context.node(), id);
    this.slot = slot;
    this.context = context;
    this.transport = transport;
    InetAddress remote = peer == null ? InetAddress.getLoopbackAddress() : peer.getAddress();
    this.address = Addresses.hostAndPort(peer);
    EdgeSettings settings = context.settings();
    this.queued = context.queueBudget().open(remote, context.admission().countsPerAddress(remote), this::droppedForBudget);
    Outbound outbound =
        new Outbound(settings.maxQueuedBytes(), settings.hardMaxQueuedBytes(), settings.stallGrace(), slot::now, queued);
    this.writer = new SocketWriter(outbound, transport, slot, this);
    this.handshake = new HandshakeReader(context, this, remote, address);
    this.inbound = new Inbound(context, this, this, writer, this, slot::now);
    this.closing = new Closing(this, context, transport, slot, writer, inbound, handshake, queued);
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
    return inbound.dialect();
  }

  @Override
  public void registeredAs(String registeredName) {
    name = registeredName;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean enqueue(OutgoingFrame frame) {
    return writer.enqueue(frame.bytes(), frame.usersList());
  }

  @Override
  public void flush() {
    writer.flush();
  }

  @Override
  public void left() {
    slot.runOnIoThread(() -> {
      close(Disconnect.droppedByRoom()); // when it was still open
      closing.roomLetGo();
    });
  }

  @Override
  public void removed(int code, String reason) {
    slot.runOnIoThread(() -> close(Disconnect.removed(code, reason)));
  }

  @Override
  public void replaced() {
    slot.runOnIoThread(() -> close(Disconnect.resumedElsewhere()));
  }

  // ---- Reading, on the I/O thread ----

  /** The socket has bytes, or its end, to read. */
  void onReadable(ByteBuffer scratch) {
    try {
      for (int reads = 0; reads < READS_PER_TURN && state() != Closing.State.CLOSED; reads++) {
        scratch.clear();
        int read = transport.read(scratch);
        if (read < 0) {
          close(state() == Closing.State.OPEN ? Disconnect.abort("connection lost") : Disconnect.end("the peer ended the connection"));
          return;
        }
        if (read == 0) {
          if (transport.hasBufferedInput()) {
            continue;
          }
          return;
        }
        scratch.flip();
        consume(scratch);
      }
      if (state() != Closing.State.CLOSED && transport.hasBufferedInput()) {
        slot.readSoon();
      }
    } catch (IOException e) {
      close(Disconnect.abort("connection lost: " + e.getMessage()));
    }
  }

  private void consume(ByteBuffer bytes) {
    switch (state()) {
      case HANDSHAKE -> readHandshake(bytes);
      case OPEN, CLOSING -> {
        liveness.heard(slot.now());
        inbound.read(bytes);
      }
      case LINGERING, CLOSED -> bytes.position(bytes.limit()); // dropped
    }
  }

  private void readHandshake(ByteBuffer bytes) {
    HandshakeReader.Outcome outcome = handshake.read(bytes);
    if (outcome instanceof HandshakeReader.Drop drop) {
      close(Disconnect.end(drop.why()));
    } else if (outcome instanceof HandshakeReader.Answer answer) {
      close(Disconnect.httpAnswer(answer.response()));
    } else if (outcome instanceof HandshakeReader.Open open) {
      open(open.request(), open.locked());
      inbound.read(open.rest()); // Frames the client sent right behind its request.
    }
    // Else the request is not whole yet.
  }

  /** @param locked whether the client must give the server's password in-band before anything else */
  private void open(Handshake.Request request, boolean locked) {
    EdgeSettings settings = context.settings();
    closing.opened();
    inbound.open(request.extended(), locked);
    context.room().attach(this);
    liveness = new Liveness(settings.pingInterval(), settings.registrationTimeout(), slot.now());
    writer.queue(Handshake.accept(request));
    if (request.extended()) {
      writer.queue(context.welcome().bytes());
    }
    writer.flush();
    log.debug("Connection from {}{}", address, request.extended() ? " (extended)" : "");
  }

  // ---- Timers and writes, on the I/O thread ----

  /** Checks this connection's deadlines and its liveness. */
  void tick(long now) {
    if (state() != Closing.State.OPEN) {
      closing.tick(now);
      return;
    }
    switch (liveness.check(now, inbound.registerSent())) {
      case NOTHING -> {}
      case PING -> writer.send(FrameWriter.ping());
      case NO_ANSWER -> close(Disconnect.abort("connection lost: no answer to ping"));
      case NOT_REGISTERED -> {
        long seconds = context.settings().registrationTimeout().toSeconds();
        close(Disconnect.close(CloseCodes.POLICY, "register within " + seconds + " s")
            .logged("Closing {}: did not register within " + seconds + " s"));
      }
    }
  }

  /** The socket takes bytes again. */
  void onWritable() {
    writer.onWritable();
  }

  @Override
  public void writeFailed(IOException e) {
    close(Disconnect.abort("connection lost: " + e.getMessage()));
  }

  @Override
  public void tooSlow() {
    // It is not reading, so a close frame would wait behind everything else: it ends now.
    EdgeSettings settings = context.settings();
    close(Disconnect.tooSlow()
        .logged("Disconnecting {}: too slow, over " + settings.maxQueuedBytes() + " bytes waiting to be sent and nothing taken for "
            + settings.stallGrace().toSeconds() + " s, or over " + settings.hardMaxQueuedBytes() + " however it reads"));
  }

  /**
   * The queues of all clients, or of this one's address, hold more than the budget lets them,
   * and this one holds the most: it goes as too slow. On any thread.
   */
  private void droppedForBudget(long held, String full) {
    if (writer.gone()) {
      return;
    }
    writer.abandon();
    Disconnect tooSlow = Disconnect.tooSlow();
    Disconnect disconnect = context.budgetLog().allow()
        ? tooSlow.logged("Disconnecting {}: too slow, " + held + " bytes waiting to be sent, the most when " + full + " were full")
        : tooSlow;
    slot.runOnIoThread(() -> close(disconnect));
  }

  /**
   * The input of others needs room, and this connection's handshake or message in progress began
   * before any other's: it goes, a WebSocket with 1013 (try again later).
   */
  @Override
  public void inputEvicted() {
    inbound.stop();
    if (state() == Closing.State.HANDSHAKE) {
      close(Disconnect.end("its handshake was the oldest when others needed room"));
    } else {
      Disconnect busy = Disconnect.close(CloseCodes.TRY_AGAIN_LATER, "the server is busy with other messages; send it again");
      close(context.budgetLog().allow()
          ? busy.logged("Closing {}: its message in progress was the oldest when others needed room")
          : busy);
    }
  }

  /** The server is going away: the code after whatever is queued; a handshake just ends. */
  void goAway(int code, String reason) {
    close(Disconnect.close(code, reason));
  }

  /** A failure of the server's own while serving this connection. */
  void failed(Throwable e) {
    log.error("Closing {} after a failure", describe(), e);
    close(state() == Closing.State.OPEN ? Disconnect.close(CloseCodes.INTERNAL_ERROR, "server error") : Disconnect.end("a failure"));
  }

  /** Every close comes here, and goes to the closing stage: see {@link Closing#close}. */
  @Override
  public void close(Disconnect disconnect) {
    closing.close(disconnect);
  }

  @Override
  public void finalFrameWritten() {
    closing.finalFrameWritten();
  }

  Closing.State state() {
    return closing.state();
  }

  long queuedBytes() {
    return writer.queuedBytes();
  }

  @Override
  public String describe() {
    String current = name;
    return current == null ? address : Printable.escape(current) + " (" + address + ")";
  }
}
