package dev.termchat.server.edge;

import dev.termchat.protocol.Printable;
import java.nio.ByteBuffer;

/**
 * Why and how a connection ends: the one thing {@link Connection#close} takes. Every way a
 * connection ends is one of these, made by the factories below, so that each close code is
 * chosen once, next to its reason.
 *
 * @param how how the socket ends
 * @param code the close code: sent in the close frame, or for the log alone when none is sent
 * @param reason the close frame's reason
 * @param why what the room and the log are told
 * @param answer the HTTP answer, for {@link How#HTTP_ANSWER}; else null
 * @param logLine an SLF4J format with one {@code {}} for the connection, logged at INFO as a
 *     close event; null when the close is only worth a debug line
 */
record Disconnect(How how, int code, String reason, String why, ByteBuffer answer, String logLine) {
  enum How {
    /**
     * A close frame, after whatever the room still queues for the client: the connection leaves
     * the room, and the frame goes once the room has let it go. Before the handshake is done, no
     * frame can be sent: it is then {@link #END}.
     */
    CLOSE,
    /** The answer to the peer's close frame, after what the room still queues; the room hears a quit. */
    ANSWER_CLOSE,
    /** A close frame at once: the room has let the connection go already. */
    CLOSE_NOW,
    /** An HTTP answer instead of a WebSocket, then the end. */
    HTTP_ANSWER,
    /** No frame: the kernel sends what it holds, then a FIN. */
    END,
    /** No frame, and a reset: what the kernel holds is dropped, unless the final frame is out. */
    ABORT
  }

  /** A close frame with the server's code. */
  static Disconnect close(int code, String reason) {
    return new Disconnect(How.CLOSE, code, reason, describe(code, reason), null, null);
  }

  /** The peer sent a close frame; ours echoes its code, or 1000 when it gave none. */
  static Disconnect answer(int peerCode, String peerReason) {
    int echo = peerCode == CloseCodes.NO_STATUS ? CloseCodes.NORMAL : peerCode;
    return new Disconnect(How.ANSWER_CLOSE, echo, "", describe(peerCode, peerReason), null, null);
  }

  /**
   * The room let the connection go without its asking: its node was taken for gone by the others
   * (it lost the shared log for too long). The client comes back by reconnecting.
   */
  static Disconnect droppedByRoom() {
    return new Disconnect(How.CLOSE_NOW, CloseCodes.SERVICE_RESTART, "dropped from the room; reconnect", "", null,
        "Closing {}: the room let it go");
  }

  /**
   * A moderator kicked or banned the client ({@link CloseCodes#KICKED}, {@link CloseCodes#BANNED}),
   * or its account was signed out by a new password ({@link CloseCodes#SIGNED_OUT}).
   */
  static Disconnect removed(int code, String reason) {
    return new Disconnect(How.CLOSE_NOW, code, CloseCodes.fitReason(reason), "", null, "Closing {}: " + Printable.escape(reason).replace("{}", "()"));
  }

  static Disconnect resumedElsewhere() {
    return new Disconnect(How.CLOSE_NOW, CloseCodes.RESUMED_ELSEWHERE, "resumed on another connection", "", null,
        "Closing {}: its session was resumed on another connection");
  }

  /** The answer to a request that opens no WebSocket: a refusal, or a page. */
  static Disconnect httpAnswer(ByteBuffer response) {
    return new Disconnect(How.HTTP_ANSWER, 0, "", "answered over HTTP", response, null);
  }

  /** The end, with nothing more to say: a handshake that never came, or a close that ran its course. */
  static Disconnect end(String why) {
    return new Disconnect(How.END, 0, "", why, null, null);
  }

  /** The connection is lost or must go at once, without a close handshake. */
  static Disconnect abort(String why) {
    return new Disconnect(How.ABORT, CloseCodes.ABNORMAL, "", why, null, null);
  }

  /** A client that does not read what it is sent: it goes at once, a close frame would never reach it. */
  static Disconnect tooSlow() {
    return new Disconnect(How.ABORT, CloseCodes.POLICY, "", describe(CloseCodes.POLICY, "too slow"), null, null);
  }

  /** The same, with the line for the operator's log. */
  Disconnect logged(String format) {
    return new Disconnect(how, code, reason, why, answer, format);
  }

  /** Whether a close frame is sent. */
  boolean sendsCloseFrame() {
    return how == How.CLOSE || how == How.ANSWER_CLOSE || how == How.CLOSE_NOW;
  }

  /** What the room and the log are told of a close with this code and reason. */
  static String describe(int code, String reason) {
    String what =
        switch (code) {
          case CloseCodes.NORMAL, CloseCodes.NO_STATUS -> "closed";
          case CloseCodes.GOING_AWAY -> "going away";
          default -> "close code " + code;
        };
    return reason == null || reason.isEmpty() ? what : what + ": " + Printable.escape(reason);
  }
}
