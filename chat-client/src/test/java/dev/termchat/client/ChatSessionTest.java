package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A session against a real server, for what becomes of the lines said in it. */
class ChatSessionTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private final RecordingView view = new RecordingView();
  private ChatSession session;

  @BeforeEach
  void connect() throws Exception {
    session =
        new ChatSession(
            new ConnectionSettings(chat.uri(), Duration.ofSeconds(1), Optional.empty(), Optional.empty()),
            false,
            "alice",
            view,
            // Attempts at short intervals, so that they would keep a wait alive were they progress.
            new Backoff(Duration.ofMillis(100), Duration.ofMillis(200), new Random(1)),
            Executors.newSingleThreadScheduledExecutor());
    assertEquals(Optional.empty(), session.start());
  }

  @AfterEach
  void close() throws Exception {
    session.close();
  }

  @Test
  void everyLineSaidIsDeliveredAndAccountedFor() throws Exception {
    for (int i = 0; i < 5; i++) {
      session.say("line " + i);
    }
    assertEquals(new DeliveryReport(5, 5, 0, 0, 0, 0, 0, 0), session.awaitDelivery(Duration.ofSeconds(10)));
  }

  @Test
  void withTheServerGoneTheWaitEndsOnceNothingHappensDespiteTheAttemptsToReconnect() throws Exception {
    chat.server().close();
    view.await("lost ");
    session.say("into the void");
    // Patience of one second; the attempts to reconnect, every 0.1-0.2 s, must not extend it.
    DeliveryReport report =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> session.awaitDelivery(Duration.ofSeconds(1)));
    assertEquals(new DeliveryReport(1, 0, 0, 0, 0, 1, 0, 0), report);
  }

  @Test
  void whileWaitingToReconnectTheCountdownCountsEverySecond() throws Exception {
    RecordingView waiting = new RecordingView();
    ChatSession patient =
        new ChatSession(
            new ConnectionSettings(chat.uri(), Duration.ofSeconds(1), Optional.empty(), Optional.empty()),
            false,
            "bob",
            waiting,
            new Backoff(Duration.ofSeconds(8), Duration.ofSeconds(9), new Random(1)),
            Executors.newSingleThreadScheduledExecutor());
    try {
      assertEquals(Optional.empty(), patient.start());
      chat.server().close();
      waiting.await("reconnecting 1");
      String first = waiting.await("still 1 in ");
      String second = waiting.await("still 1 in ");
      assertNotEquals(first, second, "a countdown that counts");
    } finally {
      patient.close();
    }
  }

  @Test
  void afterAServerRestartTheNewSessionIsSaidCalmlyWithTheReturn() throws Exception {
    view.await("connected alice");
    chat.restart();
    view.await("lost server shutting down");
    // The restarted server knows neither the token nor the position: said as what it is, no fault.
    assertEquals("reconnected alice (new session)", view.await("reconnected alice"));
    view.await("resumed gap 0");
    // A line's echo as the marker: an error about the return would have come before it.
    session.say("marker");
    view.await("message alice: marker");
    assertTrue(view.all().stream().noneMatch(event -> event.startsWith("error")), view.all().toString());
  }

  @Test
  void aNameTakenOrTooLikeOneInUseIsSaidWithTheJoinAndWithTheRename() throws Exception {
    WebSocketRecorder bob = chat.connect();
    try {
      assertEquals("bob", register(bob, "bob"));
      RecordingView taken = new RecordingView();
      ChatSession second = QuickSessions.of("bob", taken, chat.uri());
      RecordingView alike = new RecordingView();
      ChatSession third = QuickSessions.of("b0b", alike, chat.uri());
      try {
        assertEquals(Optional.empty(), second.start());
        assertEquals("connected bob-2 (bob is taken)", taken.await("connected"));
        assertEquals(Optional.empty(), third.start());
        // b0b-2 counts as bob-2, taken just before.
        assertEquals("connected b0b-3 (b0b is too like bob, a name in use)", alike.await("connected"));
        view.await("connected alice");
        session.nick("B0B");
        assertTrue(
            view.await("renamed alice B0B-").matches("renamed alice B0B-\\d+ \\(self\\) \\(B0B is too like bob, a name in use\\)"),
            view.all().toString());
      } finally {
        second.close();
        third.close();
      }
    } finally {
      bob.close();
    }
  }

  @Test
  void askingAgainForATakenNameWhoseVariantItHasSaysSo() throws Exception {
    WebSocketRecorder bob = chat.connect();
    try {
      register(bob, "bob");
      view.await("connected alice");
      session.nick("bob");
      view.await("renamed alice bob-2");
      session.nick("bob");
      view.await("info you are still bob-2 (bob is taken)");
    } finally {
      bob.close();
    }
  }

  @Test
  void askingForTheNameItHasSaysSo() throws Exception {
    view.await("connected alice");
    session.nick("alice");
    view.await("info you are already alice");
  }

  @Test
  void whenItsServerGoesAwayTheSessionMovesOnToTheNext() throws Exception {
    try (ChatServer other = ChatServer.start(ServerConfig.builder().port(0).build())) {
      RecordingView moving = new RecordingView();
      ChatSession session = QuickSessions.of("carol", moving, chat.uri(), other.uri());
      try {
        assertEquals(Optional.empty(), session.start());
        moving.await("connected carol");
        chat.server().close();
        moving.await("lost ");
        // The first attempt goes back to the server that was lost, in case it only blinked.
        moving.await("info trying " + other.uri());
        moving.await("reconnected carol");
        assertEquals(List.of("carol"), other.users());
        session.say("on the other server");
        moving.await("message carol: on the other server");
      } finally {
        session.close();
      }
    }
  }

  @Test
  void aServerThatTakesTheConnectionButNeverAnswersTheHandshakeIsGivenUpForTheNext() throws Exception {
    // A listening socket no one accepts from: the kernel completes TCP, nothing answers HTTP, as
    // with a frozen server or a proxy whose node hangs.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ChatServer other = ChatServer.start(ServerConfig.builder().port(0).build())) {
      URI silentUri = URI.create("ws://127.0.0.1:" + silent.getLocalPort());
      RecordingView moving = new RecordingView();
      ChatSession session = QuickSessions.of(Duration.ofSeconds(1), "dave", moving, chat.uri(), silentUri, other.uri());
      try {
        assertEquals(Optional.empty(), session.start());
        moving.await("connected dave");
        chat.server().close();
        moving.await("info trying " + silentUri);
        moving.await("info trying " + other.uri());
        moving.await("reconnected dave");
      } finally {
        session.close();
      }
    }
  }
}
