package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RoomMember;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /history} and {@code /search} of a session against a real server that keeps its history
 * in memory: pages go back from the oldest line shown in the room typed in, until the server says
 * that is all; search finds the room's lines in that history, and a server without one says it
 * does not search.
 */
class RecallSessionTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.historySize(200));

  private final RecordingView view = new RecordingView();
  private ChatSession session;

  @AfterEach
  void close() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  private void start(List<String> rooms) throws Exception {
    session = QuickSessions.inRooms(Duration.ofSeconds(5), "alice", rooms, view, chat.uri());
    assertEquals(Optional.empty(), session.start());
  }

  private static List<String> lines(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList();
  }

  @Test
  void historyPagesBackFromTheOldestLineShownUntilTheServerHasNoMore() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    // Within the burst of bob's rate (60 frames, its register one of them): none is dropped.
    for (String line : lines(1, 55)) {
      bob.send(new SendMessage(line));
      bob.nextMessage();
    }
    start(List.of("#general"));
    assertEquals("history bob: line 6", view.await("history")); // 50 shown on joining
    view.await("history bob: line 55");

    session.recall().history(3);
    assertEquals("earlier #general " + lines(3, 5) + " more", view.await("earlier"));
    session.recall().history(100);
    assertEquals("earlier #general " + lines(1, 2), view.await("earlier"));
    session.recall().history(SessionRecall.DEFAULT_COUNT);
    assertEquals("info nothing earlier in #general: that is all the server keeps", view.await("info"));
  }

  @Test
  void historyIsOfTheRoomTypedIn() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#dev");
    erin.say("#dev", "said in dev");
    erin.say("#dev", "and more");
    start(List.of("#general", "#dev"));
    // The page goes back from the oldest line shown: both must be shown before it is asked for.
    await().atMost(Duration.ofSeconds(10)).until(() -> view.all().contains("history erin: and more"));
    session.rooms().switchTo("#dev");
    view.await("switched #dev");
    session.recall().history(10);
    // Both came as history on entering: nothing is kept before them.
    assertEquals("earlier #dev []", view.await("earlier"));
    session.recall().history(10);
    assertEquals("info nothing earlier in #dev: that is all the server keeps", view.await("info"));
  }

  @Test
  void searchShowsTheHitsOfTheRoomTypedInFromTheHistoryInMemory() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#dev");
    erin.say("#dev", "deploy on friday");
    erin.say("#dev", "lunch");
    start(List.of("#general", "#dev"));
    view.await("entered #dev");
    session.rooms().switchTo("#dev");
    view.await("switched #dev");
    session.recall().search("friday deploy");
    assertEquals("found #dev [deploy on friday]", view.await("found"));
  }

  /**
   * A server with a store, which answers one page or search of a client at a time and refuses
   * the next while the last is out: the session holds what is asked meanwhile, and PageUps held
   * become one larger page.
   */
  @Nested
  class WithAStore {
    @TempDir Path data;

    @RegisterExtension final ChatFixture stored = new ChatFixture(config -> config.data(data).historySize(3));

    @Test
    void requestsAskedQuicklyGoOneAtATimeAndHeldPageUpsBecomeOnePage() throws Exception {
      WebSocketRecorder bob = stored.connect();
      register(bob, "bob");
      for (String line : lines(1, 12)) {
        bob.send(new SendMessage(line));
        bob.nextMessage();
      }
      session = QuickSessions.inRooms(Duration.ofSeconds(5), "alice", List.of("#general"), view, stored.uri());
      assertEquals(Optional.empty(), session.start());
      assertEquals("history bob: line 10", view.await("history")); // the 3 kept in memory
      view.await("history bob: line 12");

      // Each handed to the session at once, none waiting for the last's answer.
      session.recall().history(3);
      session.recall().search("line");
      session.recall().pageUp();
      session.recall().pageUp();
      assertEquals("earlier #general " + lines(7, 9) + " more", view.await("earlier"));
      assertTrue(view.await("found").startsWith("found #general [line "));
      assertEquals("earlier #general " + lines(1, 6), view.await("earlier"), "two PageUps, one page of 100");
      assertTrue(view.all().stream().noneMatch(event -> event.startsWith("error")), view.all().toString());
    }
  }

  /** A server that keeps no history: nothing to search, and the person is told so. */
  @Nested
  class WithoutHistory {
    @RegisterExtension final ChatFixture bare = new ChatFixture(config -> config.historySize(0));

    @Test
    void searchSaysTheServerDoesNotSearch() throws Exception {
      session = QuickSessions.inRooms(Duration.ofSeconds(5), "alice", List.of("#general"), view, bare.uri());
      assertEquals(Optional.empty(), session.start());
      view.await("users");
      session.recall().search("deploy friday");
      assertEquals("info this server does not search its messages: it keeps none", view.await("info"));
    }
  }
}
