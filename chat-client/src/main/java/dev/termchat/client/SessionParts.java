package dev.termchat.client;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Options;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A session's state, in its three parts of one role each, and how they reach each other:
 * {@link Reconnection} (the connection, rotation, backoff), {@link LineSender} (the lines typed)
 * and {@link ServerFrames} (what the server says). All of it runs on one thread, the session
 * thread in the program, a test's own in the parts' tests, and each part is confined to it.
 */
final class SessionParts implements LineSender.Channel, FrameEvents {
  final LineSender lines;
  /** Room frames, sent at the lines' pace. */
  final RoomFrames roomFrames;
  final ServerFrames frames;
  final Reconnection reconnection;
  /** Told when the first list of who is online on a connection was shown. */
  private final Runnable usersShown;
  /** How much of a room's history to ask for on joining it: as on registering. */
  private final OptionalInt history;

  /**
   * @param dial makes an attempt on a server, whose events come back to the session
   * @param rooms the rooms to be in, on a server that has rooms
   * @param closedForGood told when the connection a close was asked of has ended
   * @param ended told why, when the server ends the session for good
   */
  SessionParts(
      SessionClock clock,
      ChatView view,
      ConnectionSettings settings,
      boolean interactive,
      String name,
      List<String> rooms,
      Backoff backoff,
      Duration firstRetryDelay,
      Duration maxRetryDelay,
      Function<URI, ? extends ServerLink> dial,
      Runnable closedForGood,
      Runnable usersShown,
      Consumer<String> ended) {
    this.usersShown = usersShown;
    this.history = settings.history();
    this.lines = new LineSender(clock, view, interactive, firstRetryDelay, maxRetryDelay, this);
    this.roomFrames = new RoomFrames(clock, lines::pace, this::send, lines::sendWaiting);
    this.frames = new ServerFrames(clock, name, view, lines, roomFrames, this::send, this, new ChatRooms(rooms, view),
        new AccountLogin(settings.accountPassword(), view, this::send));
    this.reconnection = new Reconnection(clock, view, settings, backoff, dial, frames, lines, closedForGood, ended);
  }

  /**
   * A join of this room, asking for as much history as the register did: none when input is
   * piped, so that a script's {@code /join} prints no history, as its register does not.
   */
  Join join(String room) {
    return new Join(room, Options.history(history));
  }

  /** Whether a connection is open now. */
  boolean open() {
    return reconnection.state() == Reconnection.State.OPEN;
  }

  @Override
  public boolean ready() {
    return reconnection.ready();
  }

  @Override
  public boolean closed() {
    return reconnection.state() == Reconnection.State.CLOSED;
  }

  @Override
  public boolean everJoined() {
    return frames.everJoined();
  }

  @Override
  public Set<String> capabilities() {
    return frames.capabilities();
  }

  @Override
  public boolean roomFramesWaiting() {
    return roomFrames.waiting();
  }

  @Override
  public String name() {
    return frames.name();
  }

  @Override
  public boolean send(ClientFrame frame) {
    return reconnection.send(frame);
  }

  @Override
  public void joined() {
    reconnection.joined();
  }

  @Override
  public void usersShown() {
    usersShown.run();
  }

  @Override
  public void endedForGood(String why) {
    reconnection.endForGood(why);
  }
}
