package dev.termchat.client;

/** What happens on one {@link ServerConnection}, reported on its listener thread. */
interface ConnectionListener {
  void opened(ServerConnection connection);

  void received(ServerConnection connection, String text);

  /**
   * The connection ended, or never came about.
   *
   * @param failure the cause when it could not connect or broke, otherwise {@code null}
   */
  void closed(ServerConnection connection, int code, String reason, Exception failure);
}
