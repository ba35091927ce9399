package dev.termchat.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * Sessions for tests, as piped input makes them, that try again quickly: reconnecting within 0.1
 * to 0.2 s, and sending lines the server could not take again within tens of milliseconds.
 */
final class QuickSessions {
  private QuickSessions() {}

  /** A session to these servers, in turn. */
  static ChatSession of(String name, ChatView view, URI... servers) {
    return of(Duration.ofSeconds(5), name, view, servers);
  }

  /** A session to these servers, in turn, that waits this long for each to answer. */
  static ChatSession of(Duration connectTimeout, String name, ChatView view, URI... servers) {
    return inRooms(connectTimeout, name, List.of("#general"), view, servers);
  }

  /** A session in these rooms, to these servers, in turn. */
  static ChatSession inRooms(Duration connectTimeout, String name, List<String> rooms, ChatView view, URI... servers) {
    return new ChatSession(
        new ConnectionSettings(List.of(servers), connectTimeout, Optional.empty(), Optional.empty(), OptionalInt.empty()),
        false,
        name,
        rooms,
        view,
        new Backoff(Duration.ofMillis(100), Duration.ofMillis(200), new Random(1)),
        Duration.ofMillis(10),
        Duration.ofMillis(40),
        Executors.newSingleThreadScheduledExecutor());
  }
}
