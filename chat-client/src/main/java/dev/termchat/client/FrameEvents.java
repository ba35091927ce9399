package dev.termchat.client;

/** What the rest of the session hears from the server's frames ({@link ServerFrames}). */
interface FrameEvents {
  /** The session joined on this connection: registered, under the name it has now. */
  void joined();

  /** The first list of who is online on this connection was shown. */
  void usersShown();

  /** The server ended the session for good (its account's login refused): no line goes, no attempt is made. */
  void endedForGood(String why);
}
