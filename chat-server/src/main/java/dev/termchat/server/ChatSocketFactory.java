package dev.termchat.server;

import dev.termchat.protocol.Wire;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/**
 * Creates each connection with this server's draft: the frame size limit and the subprotocols.
 *
 * <p>The server is built on a channel it bound itself, and that constructor of Java-WebSocket
 * takes no drafts, so they come from here.
 */
final class ChatSocketFactory implements WebSocketServerFactory {
  private final Draft draft;

  ChatSocketFactory(int maxFrameBytes) {
    // The extension's subprotocol when the client offers it, otherwise none: "" accepts any
    // offer, so a client that offers nothing, or something else, speaks the base protocol.
    List<IProtocol> protocols = List.of(new Protocol(Wire.SUBPROTOCOL), new Protocol(""));
    this.draft = new Draft_6455(List.of(), protocols, maxFrameBytes);
  }

  /** Whether the connection negotiated the extension's subprotocol. */
  static boolean negotiatedExtension(Draft negotiated) {
    return negotiated instanceof Draft_6455 draft6455
        && draft6455.getProtocol() != null
        && Wire.SUBPROTOCOL.equals(draft6455.getProtocol().getProvidedProtocol());
  }

  @Override
  public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft ignored) {
    return new WebSocketImpl(adapter, draft);
  }

  @Override
  public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> ignored) {
    return new WebSocketImpl(adapter, List.of(draft));
  }

  @Override
  public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) {
    return channel;
  }

  @Override
  public void close() {
    // Nothing is held here.
  }
}
