package dev.termchat.protocol;

/** A frame a client sends to the server. */
public sealed interface ClientFrame permits Register, SendMessage {}
