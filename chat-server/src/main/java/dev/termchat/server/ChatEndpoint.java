package dev.termchat.server;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.ProtocolException;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Java-WebSocket's callbacks, turned into room events.
 *
 * <p>Every callback catches what it throws: an exception escaping onClose or onError on the
 * selector thread stops the whole server, and one escaping on a worker thread kills that worker
 * and hangs every connection assigned to it.
 */
final class ChatEndpoint extends WebSocketServer {
  private static final Logger log = LoggerFactory.getLogger(ChatEndpoint.class);
  private static final Welcome WELCOME =
      new Welcome(Wire.SUBPROTOCOL, List.of(Wire.CAPABILITY_ERRORS));

  private final ChatRoom room;
  private final FrameCodec codec;
  private final CompletableFuture<Void> failure = new CompletableFuture<>();

  ChatEndpoint(ServerSocketChannel channel, ChatRoom room, FrameCodec codec, ServerConfig config) {
    super(channel);
    this.room = room;
    this.codec = codec;
    setWebSocketFactory(new ChatSocketFactory(config.maxFrameBytes()));
    setTcpNoDelay(true);
    setReuseAddr(true);
    setConnectionLostTimeout((int) config.pingInterval().toSeconds());
  }

  /** Completes exceptionally if the server stops on a fatal error of its own. */
  CompletableFuture<Void> failure() {
    return failure;
  }

  @Override
  public void onStart() {
    // Binding happened before construction; nothing is left to report here.
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    try {
      boolean extended = ChatSocketFactory.negotiatedExtension(conn.getDraft());
      Session session = new Session(conn, conn.getRemoteSocketAddress(), extended, codec);
      conn.setAttachment(session);
      session.send(WELCOME);
      log.debug("Connection from {}{}", session.address(), extended ? " (extended)" : "");
    } catch (RuntimeException e) {
      log.error("Failed to open a session for {}", conn.getRemoteSocketAddress(), e);
      conn.close(CloseFrame.UNEXPECTED_CONDITION, "server error");
    }
  }

  @Override
  public void onMessage(WebSocket conn, String text) {
    Session session = conn.getAttachment();
    if (session == null) {
      return; // onOpen failed and already closed the connection.
    }
    try {
      ClientFrame frame = codec.decodeClientFrame(text);
      if (frame instanceof Register register) {
        room.join(session, register.name());
      } else if (frame instanceof SendMessage message) {
        room.post(session, message.text());
      }
    } catch (ProtocolException e) {
      log.info("Dropped a frame from {}: {}", session.describe(), e.getMessage());
      session.send(e.toReply());
    } catch (RuntimeException e) {
      log.error("Failed to handle a frame from {}", session.describe(), e);
    }
  }

  @Override
  public void onMessage(WebSocket conn, ByteBuffer bytes) {
    log.info("Closing {}: sent a binary frame", describe(conn));
    conn.close(CloseFrame.REFUSE, "binary frames are not supported");
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    try {
      Session session = conn.getAttachment();
      if (session != null) {
        room.leave(session, describeClose(code, reason));
      }
    } catch (RuntimeException e) {
      log.error("Failed to remove {}", describe(conn), e);
    }
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {
    if (conn == null) {
      // Only failures of the server itself arrive without a connection.
      log.error("Server failed", ex);
      failure.completeExceptionally(ex);
    } else if (ex instanceof IOException) {
      log.debug("I/O error on {}: {}", describe(conn), ex.toString());
    } else {
      log.warn("Error on {}: {}", describe(conn), ex.toString());
    }
  }

  private static String describe(WebSocket conn) {
    Session session = conn.getAttachment();
    return session == null ? String.valueOf(conn.getRemoteSocketAddress()) : session.describe();
  }

  private static String describeClose(int code, String reason) {
    String what =
        switch (code) {
          case CloseFrame.NORMAL -> "closed";
          case CloseFrame.GOING_AWAY -> "going away";
          case CloseFrame.ABNORMAL_CLOSE -> "connection lost";
          default -> "close code " + code;
        };
    return reason == null || reason.isEmpty() ? what : what + ": " + Printable.escape(reason);
  }
}
