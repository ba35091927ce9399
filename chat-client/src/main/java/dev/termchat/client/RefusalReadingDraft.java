package dev.termchat.client;

import dev.termchat.protocol.Wire;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.protocols.Protocol;

/**
 * RFC 6455 with the extension's subprotocol offered, which also keeps the server's answer when it
 * refuses the upgrade: Java-WebSocket reads no further than its status line, and reports only that.
 */
final class RefusalReadingDraft extends Draft_6455 {
  /** Shared with the copy Java-WebSocket makes for the connection; set on its reading thread. */
  private final AtomicReference<HandshakeRefusal> refusal;

  RefusalReadingDraft() {
    this(new AtomicReference<>());
  }

  private RefusalReadingDraft(AtomicReference<HandshakeRefusal> refusal) {
    super(List.of(), List.of(new Protocol(Wire.SUBPROTOCOL), new Protocol("")));
    this.refusal = refusal;
  }

  @Override
  public Draft copyInstance() {
    return new RefusalReadingDraft(refusal);
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
