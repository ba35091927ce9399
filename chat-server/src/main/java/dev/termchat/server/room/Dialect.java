package dev.termchat.server.room;

/** What a connection understands, and so how each broadcast is encoded for it: once a dialect. */
public enum Dialect {
  /** The YewChat protocol: register, users and message frames, nothing else. */
  BASE,
  /** The termchat.v1 extension: every frame, in the default room alone, as before rooms. */
  EXTENDED,
  /** Plain text, as the seed's first chat spoke it: a line in, {@code From NAME (ADDRESS): TEXT} out. */
  PLAIN,
  /**
   * The extension with rooms: a client that registered with {@code rooms=}. Every frame of a room
   * names it ({@link dev.termchat.protocol.InRoom}), and a room's members are listed once, when
   * the client enters it, then told only who came, went or took another name.
   */
  ROOMS;

  /** Whether the client speaks the extension: errors, presence, ids, history and the rest. */
  public boolean extended() {
    return this == EXTENDED || this == ROOMS;
  }
}
