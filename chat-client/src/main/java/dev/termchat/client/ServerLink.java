package dev.termchat.client;

/**
 * What a session does with one attempt at a connection: {@link ServerConnection} in the program,
 * a fake in the tests of the session's parts. Its events go to a {@link ConnectionListener}.
 */
interface ServerLink {
  /** Starts connecting, without waiting. */
  void connect();

  /**
   * Sends a text frame.
   *
   * @throws org.java_websocket.exceptions.WebsocketNotConnectedException when it is not open
   */
  void send(String text);

  /** Starts the close handshake. */
  void close(int code, String reason);

  /** Drops the connection at once, without a handshake. */
  void closeConnection(int code, String reason);

  boolean isClosed();
}
