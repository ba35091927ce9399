package dev.termchat.server.room;

/** What became of a message, or a change of name, handed to the room. */
public enum PostResult {
  /** It will be applied, in order. */
  ACCEPTED,
  /** The room is too far behind; it was not taken. */
  BUSY,
  /** The room is shutting down; it was not taken. */
  STOPPING,
  /** It was refused on this node, and its sender told why, in the order of its frames. */
  REFUSED
}
