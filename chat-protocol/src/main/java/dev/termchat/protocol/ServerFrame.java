package dev.termchat.protocol;

/** A frame the server sends to a client. */
public sealed interface ServerFrame permits Register, Users, ChatMessage, Welcome, ErrorReply, Presence {

  /** The {@code messageType} this frame carries on the wire. */
  String messageType();

  /** Whether a client that negotiated no extension may receive this frame. */
  default boolean isBase() {
    return Wire.isBaseType(messageType());
  }
}
