package dev.termchat.client;

import dev.termchat.protocol.ServerFrame;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * A session's parts driven by the test on its own thread, as the session thread would drive them:
 * connections the test opens, frames it has the server send, drops it makes, and a clock it
 * moves.
 */
final class FakeSession {
  final ManualClock clock = new ManualClock();
  final RecordingView view = new RecordingView();
  final FakeLinks links = new FakeLinks();
  final SessionParts parts;
  /** Whether the connection a close was asked of has ended. */
  boolean closedForGood;
  int usersShown;
  /** Why the server ended the session for good, once it did. */
  String ended;

  FakeSession(String name, URI... servers) {
    this(name, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), new Random(1)), servers);
  }

  /** With a timeout of 5 s for each attempt. */
  FakeSession(String name, Backoff backoff, URI... servers) {
    this(name, List.of("#general"), backoff, servers);
  }

  /** In these rooms, on a server that has rooms. */
  FakeSession(String name, List<String> rooms, Backoff backoff, URI... servers) {
    parts =
        new SessionParts(
            clock,
            view,
            new ConnectionSettings(List.of(servers), Duration.ofSeconds(5), Optional.empty(), Optional.empty(), OptionalInt.empty()),
            false,
            name,
            rooms,
            backoff,
            Duration.ofSeconds(1),
            Duration.ofSeconds(4),
            links,
            () -> closedForGood = true,
            () -> usersShown++,
            why -> ended = why);
  }

  /** The first attempt, on the first server. */
  FakeLinks.Link start() {
    return parts.reconnection.firstAttempt(links);
  }

  /** The last attempt's handshake succeeds. */
  FakeLinks.Link open() {
    FakeLinks.Link link = links.last();
    link.open = true;
    parts.reconnection.opened(link);
    return link;
  }

  /** The server of the last attempt sends these frames. */
  void receive(ServerFrame... frames) {
    for (ServerFrame frame : frames) {
      parts.reconnection.received(links.last(), frame);
    }
  }

  /** The last attempt's connection ends, or never came about. */
  void drop(int code, String reason) {
    FakeLinks.Link link = links.last();
    link.open = false;
    parts.reconnection.closed(link, code, reason, null);
  }
}
