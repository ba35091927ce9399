package dev.termchat.client;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.RoomList;
import dev.termchat.protocol.SearchHits;
import dev.termchat.protocol.Topic;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the user sees of a chat session. Implementations are called from the session thread
 * and the console reader thread, so they must be thread-safe; they also escape every string a
 * remote party controls before it reaches the terminal.
 */
interface ChatView {
  /** About to connect, for the first time. */
  void connecting(URI server);

  /**
   * Registered.
   *
   * @param name the name the server gave
   * @param whyNotAsked why it is not the name asked for; empty when it is
   * @param reconnected whether the session was in the room before
   * @param newSession whether the server no longer knew the session it was in (it expired, or
   *     the server restarted without keeping it), and this is a new one
   */
  void connected(String name, String whyNotAsked, boolean reconnected, boolean newSession);

  void connectionLost(String reason);

  /**
   * The next attempt to reconnect is coming.
   *
   * @param why why the last attempt failed, empty for the first attempt after a loss
   * @param sinceLost how long the session has been out of the room; empty when it never joined
   */
  void reconnecting(Duration delay, int attempt, String why, Optional<Duration> sinceLost);

  /**
   * Still waiting to reconnect: how long the session has been out of the room (empty when it
   * never joined), and how long until the next attempt. Called every second meanwhile, so a
   * countdown can count; says nothing new.
   */
  default void stillReconnecting(int attempt, Duration untilNext, Optional<Duration> sinceLost) {}

  /** Everyone online: on connecting, and when asked for. */
  void users(List<String> names);

  void joined(String name);

  void left(String name);

  /**
   * Someone took a new name; {@code self} when it is this client, with why it is not the name
   * it asked for (empty when it is).
   */
  void renamed(String from, String to, boolean self, String whyNotAsked);

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

  // Rooms, on a server that has them. A tag is the room a line is of when it is not the current
  // room, to be shown with it; null for the current room's lines.

  /** The members of a room the session entered. */
  default void users(List<String> names, String tag) {
    users(names);
  }

  default void joined(String name, String tag) {
    joined(name);
  }

  default void left(String name, String tag) {
    left(name);
  }

  default void message(ChatMessage message, boolean own, String tag) {
    message(message, own);
  }

  default void history(ChatMessage message, boolean first, String tag) {
    history(message, first);
  }

  default void resumed(boolean complete, int count, String tag) {
    resumed(complete, count);
  }

  /**
   * The server's log does not reach back to where the session left off in these rooms, as after
   * a restart: what was said there meanwhile cannot come. Said once for the rooms of a connection.
   */
  default void notReachedBack(List<String> rooms) {
    rooms.forEach(room -> resumed(false, 0, room));
  }

  /**
   * The server no longer knew the session, yet its log reaches back to where the session left
   * off: no restart lost it, it expired (away longer than the server holds a session for).
   */
  default void sessionExpired() {}

  /** The session is in a room it asked for, with its topic, if any. */
  default void roomEntered(String room, Topic topic) {}

  /** The session left a room: as the person asked ({@code /part}), or taken out (a kick, a ban). */
  default void roomParted(String room, boolean asked) {}

  /** A room's topic changed. */
  default void topic(Topic topic) {}

  /** The rooms of the server, as asked for with {@code /list}. */
  default void rooms(RoomList list) {}

  /** Typed lines go to this room from now on. */
  default void switched(String room) {}

  /**
   * Messages said before the oldest shown in a room, as asked for with {@code /history} or
   * PageUp, oldest first; {@code more} when the server keeps older ones still.
   */
  default void earlier(String room, List<ChatMessage> messages, boolean more) {}

  /** What a {@code /search} found, best first, each with where its words matched. */
  default void found(SearchHits hits) {}

  /** What the prompt shows of the rooms (see {@link ChatRooms#promptState}); empty for nothing. */
  default void roomsState(String state) {}
}
