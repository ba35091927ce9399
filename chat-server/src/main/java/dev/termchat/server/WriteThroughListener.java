package dev.termchat.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;

/**
 * Stands between each connection and the server, passing every callback on, but writing what a
 * connection queues at once, on the thread that queued it, instead of waking the selector.
 *
 * <p>Java-WebSocket's selector loop never removes a key that was selected for writing from its
 * selected-key set, so every connection that was ever written to by the selector is visited on
 * every turn of the loop from then on: with ten thousand connections, each turn does ten
 * thousand visits. Writes made here never involve the selector, which only hears of a socket
 * that is full, and so few keys ever join that set.
 */
final class WriteThroughListener implements WebSocketListener {
  private final WebSocketListener server;

  WriteThroughListener(WebSocketListener server) {
    this.server = server;
  }

  @Override
  public void onWriteDemand(WebSocket conn) {
    WebSocketImpl connection = (WebSocketImpl) conn;
    if (!(connection.getChannel() instanceof GuardedChannel channel)) {
      server.onWriteDemand(conn); // Before the socket is wrapped: the handshake's own writes.
    } else if (!channel.writeAllNow()) {
      channel.handToSelector();
    }
  }

  @Override
  public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
      WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
    return server.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
  }

  @Override
  public void onWebsocketHandshakeReceivedAsClient(
      WebSocket conn, ClientHandshake request, ServerHandshake response) throws InvalidDataException {
    server.onWebsocketHandshakeReceivedAsClient(conn, request, response);
  }

  @Override
  public void onWebsocketHandshakeSentAsClient(WebSocket conn, ClientHandshake request)
      throws InvalidDataException {
    server.onWebsocketHandshakeSentAsClient(conn, request);
  }

  @Override
  public void onWebsocketMessage(WebSocket conn, String message) {
    server.onWebsocketMessage(conn, message);
  }

  @Override
  public void onWebsocketMessage(WebSocket conn, ByteBuffer blob) {
    server.onWebsocketMessage(conn, blob);
  }

  @Override
  public void onWebsocketOpen(WebSocket conn, Handshakedata handshake) {
    server.onWebsocketOpen(conn, handshake);
  }

  @Override
  public void onWebsocketClose(WebSocket conn, int code, String reason, boolean remote) {
    server.onWebsocketClose(conn, code, reason, remote);
  }

  @Override
  public void onWebsocketClosing(WebSocket conn, int code, String reason, boolean remote) {
    server.onWebsocketClosing(conn, code, reason, remote);
  }

  @Override
  public void onWebsocketCloseInitiated(WebSocket conn, int code, String reason) {
    server.onWebsocketCloseInitiated(conn, code, reason);
  }

  @Override
  public void onWebsocketError(WebSocket conn, Exception ex) {
    server.onWebsocketError(conn, ex);
  }

  @Override
  public void onWebsocketPing(WebSocket conn, Framedata frame) {
    server.onWebsocketPing(conn, frame);
  }

  @Override
  public PingFrame onPreparePing(WebSocket conn) {
    return server.onPreparePing(conn);
  }

  @Override
  public void onWebsocketPong(WebSocket conn, Framedata frame) {
    server.onWebsocketPong(conn, frame);
  }

  @Override
  public InetSocketAddress getLocalSocketAddress(WebSocket conn) {
    return server.getLocalSocketAddress(conn);
  }

  @Override
  public InetSocketAddress getRemoteSocketAddress(WebSocket conn) {
    return server.getRemoteSocketAddress(conn);
  }
}
