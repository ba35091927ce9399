package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.server.settings.RoomOptions;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.CuttableProxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A session whose joins a real server refuses, here for one room too many: asked for no more. */
class RefusedJoinsTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.set(RoomOptions.MAX_ROOMS_PER_CONNECTION, 2));

  private final RecordingView view = new RecordingView();
  private ChatSession session;

  @AfterEach
  void close() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void aRoomTheServerRefusedIsNotAskedForAgainAfterADrop() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(chat.uri())) {
      session = QuickSessions.inRooms(Duration.ofSeconds(5), "alice", List.of("#general"), view, proxy.uri(chat.uri()));
      assertEquals(Optional.empty(), session.start());
      view.await("connected alice");
      session.rooms().join(List.of("#a", "#b"));
      assertEquals("error too-many-rooms", view.await("error"));
      proxy.cut();
      view.await("lost");
      proxy.restore();
      view.await("reconnected");
      // A piped line goes to the room last named, refused or not: the script names another.
      session.rooms().switchTo("#general");
      session.say("after the drop");
      view.await("message alice: after the drop");
      List<String> all = view.all();
      List<String> sinceBack = all.subList(all.indexOf("reconnected alice"), all.size());
      assertEquals(List.of(), sinceBack.stream().filter(event -> event.startsWith("error")).toList(), all.toString());
      // The last room asked for was refused: the room typed in is still the one before.
      assertEquals(Optional.of("#general"), currentRoom());
    }
  }

  private Optional<String> currentRoom() throws InterruptedException {
    List<String> prompts = view.all().stream().filter(event -> event.startsWith("prompt ")).toList();
    return prompts.isEmpty() ? Optional.empty() : Optional.of(prompts.get(prompts.size() - 1).substring("prompt ".length()));
  }
}
