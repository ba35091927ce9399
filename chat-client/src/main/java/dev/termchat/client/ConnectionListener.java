package dev.termchat.client;

/** What happens on one {@link ServerLink}, reported on its listener thread. */
interface ConnectionListener {
  void opened(ServerLink connection);

  void received(ServerLink connection, String text);

  /**
   * The connection ended, or never came about.
   *
   * @param failure the cause when it could not connect or broke, otherwise {@code null}
   */
  void closed(ServerLink connection, int code, String reason, Exception failure);
}
