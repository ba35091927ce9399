package dev.termchat.server;

import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.ServerFrame;
import java.net.InetSocketAddress;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/**
 * One client connection, as the chat sees it. Attached to its {@link WebSocket}.
 *
 * <p>Sending is thread-safe: Java-WebSocket only queues the frame, so no caller ever blocks on a
 * slow peer.
 */
final class Session {
  private final WebSocket socket;
  private final String address;
  private final boolean extended;
  private final FrameCodec codec;

  /** Written once by the room thread when the client registers; read by any thread. */
  private volatile String name;

  /** Written once by the room thread when the connection leaves; read only by the room thread. */
  private boolean gone;

  Session(WebSocket socket, InetSocketAddress remote, boolean extended, FrameCodec codec) {
    this.socket = socket;
    this.address = format(remote);
    this.extended = extended;
    this.codec = codec;
  }

  /** The peer's IP and port, e.g. {@code 127.0.0.1:49123} or {@code [::1]:49123}. */
  String address() {
    return address;
  }

  /** Whether the client negotiated the extension and may receive frames beyond the base three. */
  boolean extended() {
    return extended;
  }

  /** The registered name, or {@code null} before the client registered. */
  String name() {
    return name;
  }

  boolean registered() {
    return name != null;
  }

  void registerAs(String registeredName) {
    name = registeredName;
  }

  boolean gone() {
    return gone;
  }

  void markGone() {
    gone = true;
  }

  /**
   * Sends a frame, unless it is beyond the base protocol and this client did not negotiate the
   * extension: existing clients crash on types they do not know.
   */
  void send(ServerFrame frame) {
    if (extended || frame.isBase()) {
      sendEncoded(codec.encodeServerFrame(frame));
    }
  }

  /**
   * Queues a base-protocol frame that was encoded once for many recipients; a connection that
   * closed meanwhile is skipped.
   */
  void sendEncoded(String encodedFrame) {
    try {
      socket.send(encodedFrame);
    } catch (WebsocketNotConnectedException e) {
      // The connection closed between the caller's check and this send. Its close callback has
      // been or will be delivered and removes it from the room, so there is nothing to do here.
    }
  }

  void close(int code, String reason) {
    socket.close(code, reason);
  }

  /** A short description for logs: the name when there is one, and the address. */
  String describe() {
    return name == null ? address : Printable.escape(name) + " (" + address + ")";
  }

  private static String format(InetSocketAddress remote) {
    if (remote == null) {
      return "unknown";
    }
    String host =
        remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + remote.getPort() : host + ":" + remote.getPort();
  }
}
