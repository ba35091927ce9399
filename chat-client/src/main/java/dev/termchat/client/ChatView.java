package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.PrivateChat;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Everything the user sees of a chat session. Implementations are called from the listener, the
 * console reader and the reconnect threads, so they must be thread-safe; they also escape every
 * string a remote party controls before it reaches the terminal.
 */
interface ChatView {
  /** About to connect, for the first time. */
  void connecting(URI server);

  /**
   * Registered.
   *
   * @param name the name the server gave
   * @param requested the name asked for, which differs when it was taken or refused
   * @param reconnected whether this follows a lost connection
   */
  void connected(String name, String requested, boolean reconnected);

  void connectionLost(String reason);

  /**
   * The next attempt to reconnect is coming.
   *
   * @param why why the last attempt failed, empty for the first attempt after a loss
   * @param sinceLost how long the connection has been gone
   */
  void reconnecting(Duration delay, int attempt, String why, Duration sinceLost);

  /**
   * Still waiting to reconnect: how long the connection has been gone, and how long until the
   * next attempt. Called every second meanwhile, so a countdown can count; says nothing new.
   */
  default void stillReconnecting(int attempt, Duration untilNext, Duration sinceLost) {}

  /** Everyone online: on connecting, and when asked for. */
  void users(List<String> names);

  void joined(String name);

  void left(String name);

  /** Someone took a new name; {@code self} when it is this client. */
  void renamed(String from, String to, boolean self);

  /** A chat message, or an action; {@code own} when this client sent it. */
  void message(ChatMessage message, boolean own);

  /** A message said before this client joined; {@code first} for the first of a connection. */
  void history(ChatMessage message, boolean first);

  /**
   * What this client missed while its connection was down follows: {@code count} messages, all
   * of them when {@code complete}; otherwise some could not be recovered.
   */
  void resumed(boolean complete, int count);

  /** A private message, to this client or from it ({@code own}). */
  void privateMessage(PrivateChat message, boolean own);

  /** The server dropped something this client sent, and said why. */
  void serverError(ErrorReply error);

  /** Text of this program's own, such as help or a hint. */
  void info(String text);
}
