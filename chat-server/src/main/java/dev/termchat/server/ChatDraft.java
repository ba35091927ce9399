package dev.termchat.server;

import dev.termchat.protocol.Wire;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeBuilder;
import org.java_websocket.handshake.ServerHandshakeBuilder;
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
  private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

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

  /**
   * The 101 response, as the library writes it, but without its per-handshake date formatter,
   * which was a fifth of the cost of accepting a connection: the accept key of RFC 6455 section
   * 4.2.2, the subprotocol when one was agreed, and the date.
   */
  @Override
  public HandshakeBuilder postProcessHandshakeResponseAsServer(
      ClientHandshake request, ServerHandshakeBuilder response) throws InvalidHandshakeException {
    String key = request.getFieldValue("Sec-WebSocket-Key");
    if (key == null || key.isBlank()) {
      throw new InvalidHandshakeException("missing Sec-WebSocket-Key");
    }
    response.put("Upgrade", "websocket");
    response.put("Connection", request.getFieldValue("Connection"));
    response.put("Sec-WebSocket-Accept", acceptKey(key));
    if (getProtocol() != null && !getProtocol().getProvidedProtocol().isEmpty()) {
      response.put("Sec-WebSocket-Protocol", getProtocol().getProvidedProtocol());
    }
    response.setHttpStatusMessage("Switching Protocols");
    response.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
    return response;
  }

  /** Base64 of the SHA-1 of the client's key and the protocol's GUID. */
  static String acceptKey(String clientKey) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest((clientKey.strip() + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
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
