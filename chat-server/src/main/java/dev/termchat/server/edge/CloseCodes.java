package dev.termchat.server.edge;

import dev.termchat.protocol.Wire;

/**
 * Every WebSocket close code the edge sends, reads or counts (RFC 6455, section 7.4, and the
 * IANA registry), in one place.
 */
final class CloseCodes {
  static final int NORMAL = 1000;
  static final int GOING_AWAY = 1001;
  static final int PROTOCOL_ERROR = 1002;
  static final int UNSUPPORTED_DATA = 1003;
  /** What a close frame without a code counts as; never sent. */
  static final int NO_STATUS = 1005;
  /** What a connection that ended without a close handshake counts as (7.1.5); never sent. */
  static final int ABNORMAL = 1006;
  static final int INVALID_DATA = 1007;
  static final int POLICY = 1008;
  static final int TOO_BIG = 1009;
  static final int INTERNAL_ERROR = 1011;
  /** "Service restart": the client may reconnect. */
  static final int SERVICE_RESTART = Wire.CLOSE_SERVICE_RESTART;
  static final int TRY_AGAIN_LATER = 1013;
  /** The protocol's own: the session was resumed on another connection. */
  static final int RESUMED_ELSEWHERE = Wire.CLOSE_RESUMED_ELSEWHERE;
  /** The protocol's own: an operator kicked the client from the only room it is in. */
  static final int KICKED = Wire.CLOSE_KICKED;
  /** The protocol's own: the client is banned. */
  static final int BANNED = Wire.CLOSE_BANNED;
  /** The protocol's own: the account's password changed on another connection. */
  static final int SIGNED_OUT = Wire.CLOSE_SIGNED_OUT;
  /** The most bytes a close frame's reason may take (RFC 6455, 5.5: 125 for the payload, 2 for the code). */
  static final int MAX_REASON_BYTES = 123;

  /** A close reason cut to what a close frame holds, on a character's edge. */
  static String fitReason(String reason) {
    String fitted = reason;
    while (fitted.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      fitted = fitted.substring(0, fitted.offsetByCodePoints(fitted.length(), -1));
    }
    return fitted;
  }

  private CloseCodes() {}

  /** The codes RFC 6455 and the IANA registry let an endpoint put in a close frame. */
  static boolean mayBeSent(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }
}
