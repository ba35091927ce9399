package dev.termchat.protocol;

/** The codes an {@link ErrorReply} carries. */
public enum ErrorCode {
  /** The frame is not JSON, or JSON beyond the limits (nesting, duplicate keys). */
  INVALID_JSON("invalid-json"),
  /** JSON, but not a frame: not an object, or a field of the wrong type. */
  INVALID_FRAME("invalid-frame"),
  /** A {@code messageType} the server does not accept from a client. */
  UNKNOWN_TYPE("unknown-type"),
  /** A message from a connection that has not registered. */
  NOT_REGISTERED("not-registered"),
  /** A second register on a connection that already has a name. */
  ALREADY_REGISTERED("already-registered"),
  /** A message with no text. */
  EMPTY_MESSAGE("empty-message"),
  /** A message longer than the server accepts. */
  MESSAGE_TOO_LONG("message-too-long"),
  /** A name the server does not accept; the client joins as a guest instead. */
  INVALID_NAME("invalid-name"),
  /** A frame past the connection's rate, or the server is too busy; it was dropped. */
  RATE_LIMITED("rate-limited"),
  /** The server cannot take the message now, e.g. because it is shutting down. */
  UNAVAILABLE("unavailable"),
  /** A private message for someone who is not online. */
  UNKNOWN_USER("unknown-user"),
  /** A private message for someone whose client cannot show one. */
  CANNOT_RECEIVE("cannot-receive"),
  /** A resume token the server does not know, or no longer; the client registered anew. */
  INVALID_TOKEN("invalid-token"),
  /** A room name that is not acceptable. */
  INVALID_ROOM("invalid-room"),
  /** A message, action, topic or part for a room the client is not in. */
  NOT_IN_ROOM("not-in-room"),
  /** A join past the rooms one connection may be in, or past the rooms the server keeps. */
  TOO_MANY_ROOMS("too-many-rooms"),
  /** A request this server does not serve: search where it keeps nothing to search but memory. */
  NOT_SERVED("not-served"),
  /** A moderation act by someone without the role it needs, or a line in a muted room without voice. */
  NOT_PERMITTED("not-permitted"),
  /**
   * A delete of a message the room does not keep: an id of no message of the room, or of one past
   * those it keeps in memory. Nothing is deleted, and no one else is told.
   */
  UNKNOWN_MESSAGE("unknown-message"),
  /** A register, a join or a rename that a ban refuses. */
  BANNED("banned"),
  /**
   * A login that did not succeed: no such account, or the wrong password; the two are answered
   * alike. Also a wrong server password given in-band.
   */
  LOGIN_FAILED("login-failed"),
  /** An account request that cannot be granted: the name is registered already, or a guest's; a password too short. */
  ACCOUNT_REFUSED("account-refused");

  private final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
