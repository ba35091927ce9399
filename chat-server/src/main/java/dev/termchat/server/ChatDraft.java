package dev.termchat.server;

import dev.termchat.protocol.Wire;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/**
 * RFC 6455 with this server's subprotocols and a size limit that holds for fragmented messages
 * too.
 *
 * <p>Java-WebSocket checks each frame's declared length before buffering it, but for a message
 * sent in fragments it checks only the first and the last: a client could stream endless middle
 * fragments into the library's buffer. Here every fragment counts towards the limit, and the
 * connection closes with 1009 as soon as the message passes it. One instance per connection.
 */
final class ChatDraft extends Draft_6455 {
  private final int maxMessageBytes;

  /** Bytes of the fragmented message in progress. Confined to the connection's worker thread. */
  private long fragmentedBytes;

  ChatDraft(int maxMessageBytes) {
    // The extension's subprotocol when the client offers it, otherwise none: "" accepts any
    // offer, so a client that offers nothing, or something else, speaks the base protocol.
    super(List.of(), protocols(), maxMessageBytes);
    this.maxMessageBytes = maxMessageBytes;
  }

  private static List<IProtocol> protocols() {
    List<IProtocol> protocols = new ArrayList<>();
    protocols.add(new Protocol(Wire.SUBPROTOCOL));
    protocols.add(new Protocol(""));
    return protocols;
  }

  /** Whether the connection negotiated the extension's subprotocol. */
  static boolean negotiatedExtension(Draft negotiated) {
    return negotiated instanceof Draft_6455 draft
        && draft.getProtocol() != null
        && Wire.SUBPROTOCOL.equals(draft.getProtocol().getProvidedProtocol());
  }

  @Override
  public Draft copyInstance() {
    return new ChatDraft(maxMessageBytes);
  }

  @Override
  public void processFrame(WebSocketImpl connection, Framedata frame) throws InvalidDataException {
    Opcode opcode = frame.getOpcode();
    boolean starts = (opcode == Opcode.TEXT || opcode == Opcode.BINARY) && !frame.isFin();
    if (starts) {
      fragmentedBytes = 0;
    }
    if (starts || opcode == Opcode.CONTINUOUS) {
      fragmentedBytes += frame.getPayloadData().remaining();
      if (fragmentedBytes > maxMessageBytes) {
        fragmentedBytes = 0;
        throw new LimitExceededException("message over " + maxMessageBytes + " bytes", maxMessageBytes);
      }
    }
    super.processFrame(connection, frame);
  }
}
