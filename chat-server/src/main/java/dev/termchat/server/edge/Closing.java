package dev.termchat.server.edge;

import dev.termchat.server.log.LogFields;
import dev.termchat.server.room.Member;
import dev.termchat.server.wire.FrameWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;

/**
 * A connection's life and its one way out: its {@link State}, and {@link #close(Disconnect)},
 * which every close goes through. A close handshake waits for the room to let the connection go,
 * so that the close frame comes after every reply to the frames before it; its final bytes then
 * have the close timeout to go out, and the peer the same time to end its side. Every path ends
 * in {@link #release}, once.
 *
 * <p>Confined to the I/O thread.
 */
final class Closing {
  private static final Logger log = EdgeLoggers.CONNECTION;

  enum State {
    /** Reading the HTTP request. */
    HANDSHAKE,
    /** A WebSocket: frames flow both ways. */
    OPEN,
    /** A final frame (close, or an HTTP answer) is queued or going out; input is read and dropped. */
    CLOSING,
    /** The final frame is out and the output shut; waiting for the peer to close its side. */
    LINGERING,
    /** Closed and released. */
    CLOSED
  }

  /** The connection as the log names it. */
  interface Subject extends Member {
    /** The name when there is one, and the address. */
    String describe();

    /** The registered name, or null. */
    String name();
  }

  private final Subject subject;
  private final EdgeContext context;
  private final Transport transport;
  private final IoSlot slot;
  private final SocketWriter writer;
  private final Inbound inbound;
  private final HandshakeReader handshake;
  private final QueueBudget.Share queued;

  // Confined to the I/O thread.
  private State state = State.HANDSHAKE;
  /** When the current state times out: the handshake, or the end of closing. */
  private long deadline;
  /** Whether the WebSocket opened: its close is counted, by its code. */
  private boolean opened;
  /** The code of the close frame queued for the client, 0 before one is. */
  private int closeCode;
  /** The close frame to send once the room has let the connection go. */
  private ByteBuffer pendingClose;

  Closing(Subject subject, EdgeContext context, Transport transport, IoSlot slot, SocketWriter writer, Inbound inbound,
      HandshakeReader handshake, QueueBudget.Share queued) {
    this.subject = subject;
    this.context = context;
    this.transport = transport;
    this.slot = slot;
    this.writer = writer;
    this.inbound = inbound;
    this.handshake = handshake;
    this.queued = queued;
    this.deadline = slot.now() + context.settings().handshakeTimeout().toNanos();
  }

  State state() {
    return state;
  }

  /** The handshake is done: a WebSocket from now on. */
  void opened() {
    state = State.OPEN;
    opened = true;
  }

  /** Ends a connection whose handshake, or whose closing, ran out of time. */
  void tick(long now) {
    if (state == State.OPEN || now - deadline <= 0) {
      return;
    }
    switch (state) {
      case HANDSHAKE -> close(Disconnect.end("no handshake within " + context.settings().handshakeTimeout()));
      // Its final frame is still queued: the peer stopped taking what it was sent.
      case CLOSING -> close(Disconnect.abort("its final frame was not taken in time"));
      // The final frame is out: the kernel sends it after the rest, and a FIN.
      case LINGERING -> close(Disconnect.end("the peer did not end the connection in time"));
      case OPEN, CLOSED -> {}
    }
  }

  /**
   * The one way a connection ends. Idempotent: once closed it does nothing, and once closing only
   * a disconnect that ends the socket at once ({@link Disconnect.How#END}, {@link
   * Disconnect.How#ABORT}) still does.
   */
  void close(Disconnect disconnect) {
    if (!applies(disconnect)) {
      return;
    }
    logClose(disconnect);
    Disconnect.How how = disconnect.how();
    switch (how) {
      case CLOSE, ANSWER_CLOSE, CLOSE_NOW -> {
        if (state == State.HANDSHAKE) {
          release(false); // No WebSocket yet, so no close frame: the socket just ends.
          return;
        }
        closeAfterRoom(disconnect.code(), disconnect.reason());
        if (how == Disconnect.How.CLOSE_NOW) {
          roomLetGo();
          return;
        }
        if (how == Disconnect.How.CLOSE) {
          context.room().leave(subject, disconnect.why());
        } else {
          context.room().quit(subject, disconnect.why());
        }
        if (!context.room().running()) {
          roomLetGo(); // No room to wait for.
        }
      }
      case HTTP_ANSWER -> {
        enterClosing();
        writer.sendFinal(disconnect.answer());
      }
      case END, ABORT -> {
        if (closeCode == 0) {
          closeCode = disconnect.code(); // Counted by it: 1008 for a client too slow, though no frame says so.
        }
        if (state == State.OPEN) {
          context.room().leave(subject, disconnect.why());
        }
        release(how == Disconnect.How.ABORT && state != State.LINGERING);
      }
    }
  }

  private boolean applies(Disconnect disconnect) {
    return switch (disconnect.how()) {
      case CLOSE -> state == State.OPEN || state == State.HANDSHAKE;
      case ANSWER_CLOSE, CLOSE_NOW -> state == State.OPEN;
      case HTTP_ANSWER -> state == State.HANDSHAKE;
      case END, ABORT -> state != State.CLOSED;
    };
  }

  /** Input is read and dropped from now on, and the final bytes have the close timeout to go. */
  private void enterClosing() {
    state = State.CLOSING;
    inbound.stop();
    deadline = slot.now() + context.settings().closeTimeout().toNanos();
  }

  /** The close frame waits for the room: it is sent when the room lets the connection go. */
  private void closeAfterRoom(int code, String reason) {
    if (closeCode == 0) {
      closeCode = code;
    }
    enterClosing();
    pendingClose = FrameWriter.close(code, reason);
  }

  /** The room has let the connection go: the close frame waiting for that goes out. */
  void roomLetGo() {
    if (state == State.CLOSING && pendingClose != null) {
      writer.sendFinal(pendingClose);
      pendingClose = null;
    }
  }

  /** The close frame or HTTP answer is out: end the output, and wait for the peer to end its own. */
  void finalFrameWritten() {
    if (state != State.CLOSING) {
      return;
    }
    try {
      transport.shutdownOutput();
      state = State.LINGERING;
    } catch (IOException e) {
      close(Disconnect.end("shutting its output failed: " + e.getMessage()));
    }
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
    if (opened) {
      // A WebSocket that opened: counted by its close code, or 1006 when it just ended.
      context.meters().closed(closeCode == 0 ? CloseCodes.ABNORMAL : closeCode);
    }
    state = State.CLOSED;
    writer.abandon();
    queued.close();
    inbound.stop();
    pendingClose = null;
    slot.released();
    try {
      if (reset) {
        transport.reset();
      } else {
        transport.close();
      }
    } catch (IOException e) {
      log.debug("Closing {} failed: {}", subject.address(), e.toString());
    }
    handshake.released();
  }

  /** The close's line in the log: at INFO with its code as a field when it has one, else at debug. */
  private void logClose(Disconnect disconnect) {
    if (disconnect.logLine() == null) {
      log.debug("Closing {}: {}", subject.describe(), disconnect.why());
      return;
    }
    try (LogFields fields = LogFields.of("event", "close", "name", subject.name(), "address", subject.address(), "code", disconnect.code())) {
      log.info(disconnect.logLine(), subject.describe());
    }
  }
}
