package dev.termchat.server;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorCode;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Java-WebSocket's callbacks: the handshake checks, and frames turned into room events.
 *
 * <p>Every callback catches what it throws: an exception escaping onClose or onError on the
 * selector thread stops the whole server, and one escaping on a worker thread kills that worker
 * and hangs every connection assigned to it. None of them blocks: a worker thread serves many
 * connections.
 */
final class ChatEndpoint extends WebSocketServer {
  private static final Logger log = LoggerFactory.getLogger(ChatEndpoint.class);
  private static final Welcome WELCOME =
      new Welcome(Wire.SUBPROTOCOL, List.of(Wire.CAPABILITY_ERRORS, Wire.CAPABILITY_PRESENCE));

  private final ChatRoom room;
  private final FrameCodec codec;
  private final ServerConfig config;
  private final ConnectionGuard guard;
  private final HandshakePolicy policy;
  private final CompletableFuture<Void> failure;

  ChatEndpoint(
      ServerSocketChannel channel,
      ChatRoom room,
      FrameCodec codec,
      ServerConfig config,
      ConnectionGuard guard,
      Optional<SSLContext> tls,
      CompletableFuture<Void> failure) {
    super(channel);
    this.failure = failure;
    this.room = room;
    this.codec = codec;
    this.config = config;
    this.guard = guard;
    this.policy = new HandshakePolicy(config);
    setWebSocketFactory(new ChatSocketFactory(config.maxFrameBytes(), guard, tls, this));
    setTcpNoDelay(true);
    setReuseAddr(true);
    setConnectionLostTimeout((int) config.pingInterval().toSeconds());
  }

  /** Starts the close handshake, with 1001 (going away), on every open connection. */
  void closeConnections(String reason) {
    for (WebSocket conn : getConnections()) {
      conn.close(CloseFrame.GOING_AWAY, reason);
    }
  }

  /** Completes exceptionally if the server, or its room, stops on a fatal error. */
  CompletableFuture<Void> failure() {
    return failure;
  }

  @Override
  public void onStart() {
    // Binding happened before construction; nothing is left to report here.
  }

  @Override
  public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
      WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
    GuardedChannel channel = channelOf(conn);
    Optional<HandshakePolicy.Refusal> refusal =
        policy.check(request).or(() -> guard.admit(channel).map(HandshakePolicy.Refusal::serverFull));
    if (refusal.isPresent()) {
      HandshakePolicy.Refusal refused = refusal.get();
      log.info("Refused a connection from {}: {}", channel.remoteAddress().getHostAddress(), refused.reason());
      channel.refuseWith(refused.httpResponse());
      throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, refused.reason());
    }
    ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    // Before the 101 goes out: the client may send frames the moment it reads it.
    guard.upgraded(channel);
    return response;
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    try {
      GuardedChannel channel = channelOf(conn);
      boolean extended = ChatDraft.negotiatedExtension(conn.getDraft());
      Session session =
          new Session(conn, channel, conn.getRemoteSocketAddress(), extended, codec, config);
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
    if (session == null || !conn.isOpen()) {
      // onOpen failed, or the connection is closing: frames that were read with the one that
      // closed it still arrive, and are dropped.
      return;
    }
    try {
      switch (session.rate().onFrame(System.nanoTime())) {
        case DISCONNECT -> {
          log.info("Disconnecting {}: flooding", session.describe());
          conn.close(CloseFrame.POLICY_VALIDATION, "flooding");
          return;
        }
        case DROP -> {
          session.reject(ErrorCode.RATE_LIMITED, rateLimitReason());
          return;
        }
        case ALLOW -> dispatch(session, codec.decodeClientFrame(text));
      }
    } catch (ProtocolException e) {
      session.reject(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("Failed to handle a frame from {}", session.describe(), e);
    }
  }

  private void dispatch(Session session, ClientFrame frame) {
    if (frame instanceof Register register) {
      room.join(session, register.name());
    } else if (frame instanceof SendMessage message) {
      String text = message.text();
      if (text.length() > config.maxMessageChars()
          && text.codePointCount(0, text.length()) > config.maxMessageChars()) {
        session.reject(
            ErrorCode.MESSAGE_TOO_LONG, "a message is at most " + config.maxMessageChars() + " characters");
      } else if (!room.post(session, text)) {
        session.reject(ErrorCode.RATE_LIMITED, "the server is busy; message not delivered");
      }
    }
  }

  private String rateLimitReason() {
    return "slow down: at most "
        + config.messagesPerSecond()
        + " messages a second, "
        + config.burst()
        + " at once";
  }

  @Override
  public void onMessage(WebSocket conn, ByteBuffer bytes) {
    try {
      log.info("Closing {}: sent a binary frame", describe(conn));
      conn.close(CloseFrame.REFUSE, "binary frames are not supported");
    } catch (RuntimeException e) {
      log.error("Failed to close {} after a binary frame", describe(conn), e);
    }
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
    } else if (ex instanceof IOException || ex instanceof InvalidDataException) {
      // A peer that vanished, or broke the protocol and was closed with a code for it.
      log.debug("Connection error on {}: {}", describe(conn), ex.toString());
    } else {
      log.warn("Error on {}: {}", describe(conn), ex.toString());
    }
  }

  private static GuardedChannel channelOf(WebSocket conn) {
    return (GuardedChannel) ((WebSocketImpl) conn).getChannel();
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
