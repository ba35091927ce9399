package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.server.settings.RoomOptions;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.CuttableProxy;
import dev.termchat.testing.RoomMember;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rooms a real server refuses past its limits, many at once: each reason is said once, not once
 * a room. The server keeps 3 rooms (#general and erin's #x and #y) and a connection may be in 3.
 */
class RoomRefusalsTest {
  private static final String SERVER_FULL = "the server has 3 rooms, the most it keeps; join one of them";

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(config -> config.set(RoomOptions.MAX_ROOMS, 3).set(RoomOptions.MAX_ROOMS_PER_CONNECTION, 3));

  private final RecordingView view = new RecordingView();
  private ChatSession session;

  @BeforeEach
  void roomsKept() throws Exception {
    RoomMember.join(chat, "erin", "#x,#y");
  }

  @AfterEach
  void close() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void roomsAskedForAtTheStartAndRefusedForOneReasonAreSaidOnce() throws Exception {
    session = QuickSessions.inRooms(Duration.ofSeconds(5), "alice", List.of("#a", "#b", "#x"), view, chat.uri());
    assertEquals(Optional.empty(), session.start());
    view.await("entered #x");
    List<String> all = view.all();
    assertEquals(List.of("error too-many-rooms"), all.stream().filter(event -> event.startsWith("error")).toList(), all.toString());
  }

  @Test
  void aJoinOfRoomsRefusedForTwoReasonsNamesTheReasonOfTheRoomsNotSaidWithIt() throws Exception {
    session = QuickSessions.inRooms(Duration.ofSeconds(5), "alice", List.of("#x"), view, chat.uri());
    assertEquals(Optional.empty(), session.start());
    view.await("entered #x");
    // #c and #d are refused as the server is full, #e as alice is then in as many rooms as she may be.
    session.rooms().join(List.of("#c", "#d", "#general", "#y", "#e"));
    assertEquals("info not joined either (" + SERVER_FULL + "): #d", view.await("info not joined"));
    List<String> all = view.all();
    assertEquals(
        List.of("error too-many-rooms", "entered #general", "entered #y", "error too-many-rooms", "info not joined either (" + SERVER_FULL + "): #d"),
        all.stream().filter(event -> event.startsWith("error") || event.startsWith("entered #") && !event.equals("entered #x") || event.startsWith("info not")).toList(),
        all.toString());
  }

  @Test
  void aRoomRefusedOnTheWayBackAfterARestartHoldsNoLineBack() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(chat.uri())) {
      session = QuickSessions.inRooms(Duration.ofSeconds(5), "alice", List.of("#general", "#x"), view, proxy.uri(chat.uri()));
      assertEquals(Optional.empty(), session.start());
      view.await("users #x");
      proxy.cut();
      view.await("lost");
      // The restart forgets every room; bob takes the two the server may keep beside #general.
      chat.restart();
      RoomMember.join(chat, "bob", "#general,#c,#d");
      proxy.restore();
      String back = view.await("reconnected");
      assertEquals("reconnected alice (new session)", back);
      // #x, resumed and refused, never answers what it missed: the line does not wait for it.
      session.say("back without #x");
      assertEquals("message alice: back without #x", view.await("message alice"));
      List<String> all = view.all();
      // #general's log began after where alice left off: said once #x is refused.
      assertEquals(
          List.of("error too-many-rooms", "resumed gap 0"),
          all.subList(all.indexOf(back), all.size()).stream().filter(event -> event.startsWith("error") || event.startsWith("resumed")).toList(),
          all.toString());
    }
  }
}
