package dev.termchat.client;

import dev.termchat.protocol.Wire;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.protocols.Protocol;

/**
 * RFC 6455 with the extension's subprotocol offered, which also keeps the server's answer when it
 * refuses the upgrade: Java-WebSocket reads no further than its status line, and reports only that.
 * Frames and messages past {@link #MAX_MESSAGE_BYTES} close the connection (1009).
 */
final class RefusalReadingDraft extends Draft_6455 {
  /**
   * The most a frame, or a message of several, may hold. Java-WebSocket would otherwise make room
   * for whatever length a frame's header declares: a hostile server (or anyone between, on ws://)
   * declaring 2 GB ran the client out of memory. The largest a server of ours sends is a users
   * list of the default 20,000 names, at most 2.6 MB; lines and pages are far smaller.
   */
  static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
  /** Java-WebSocket's reason for a close past its limit, which this draft's own check gives too. */
  static final String LIMIT_REACHED = "Payload limit reached.";

  /**
   * The bytes of the message whose frames are arriving. Java-WebSocket 1.6.0 checks its limit on
   * a message's first frame and its last, not on those between: a hostile server's endless
   * middle fragments ran the client out of memory. On the connection's reading thread alone.
   */
  private long messageBytes;

  /** Shared with the copy Java-WebSocket makes for the connection; set on its reading thread. */
  private final AtomicReference<HandshakeRefusal> refusal;

  RefusalReadingDraft() {
    this(new AtomicReference<>());
  }

  private RefusalReadingDraft(AtomicReference<HandshakeRefusal> refusal) {
    super(List.of(), List.of(new Protocol(Wire.SUBPROTOCOL), new Protocol("")), MAX_MESSAGE_BYTES);
    this.refusal = refusal;
  }

  @Override
  public Draft copyInstance() {
    return new RefusalReadingDraft(refusal);
  }

  @Override
  public void processFrame(WebSocketImpl connection, Framedata frame) throws InvalidDataException {
    Opcode opcode = frame.getOpcode();
    if (opcode == Opcode.TEXT || opcode == Opcode.BINARY || opcode == Opcode.CONTINUOUS) {
      messageBytes = (opcode == Opcode.CONTINUOUS ? messageBytes : 0) + frame.getPayloadData().remaining();
      if (messageBytes > MAX_MESSAGE_BYTES) {
        messageBytes = 0;
        throw new LimitExceededException(LIMIT_REACHED, MAX_MESSAGE_BYTES);
      }
    }
    super.processFrame(connection, frame);
  }

  @Override
  public Handshakedata translateHandshake(ByteBuffer answer) throws InvalidHandshakeException {
    HandshakeRefusal.read(answer.duplicate()).ifPresent(refusal::set);
    return super.translateHandshake(answer);
  }

  /** The server's answer, when it refused the upgrade. */
  Optional<HandshakeRefusal> refusal() {
    return Optional.ofNullable(refusal.get());
  }
}
