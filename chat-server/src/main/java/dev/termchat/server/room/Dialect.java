package dev.termchat.server.room;

/** What a connection understands, and so how each broadcast is encoded for it: once a dialect. */
public enum Dialect {
  /** The YewChat protocol: register, users and message frames, nothing else. */
  BASE,
  /** The termchat.v1 extension: every frame. */
  EXTENDED,
  /** Plain text, as the seed's first chat spoke it: a line in, {@code From NAME (ADDRESS): TEXT} out. */
  PLAIN
}
