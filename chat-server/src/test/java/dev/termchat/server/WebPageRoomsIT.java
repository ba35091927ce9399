package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The page's rooms, in Chromium: a pane a room, the room list with what is unread, the topic. */
class WebPageRoomsIT {
  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();

  private WebSocketRecorder roomsClient(String name, String rooms) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    client.nextFrame(Welcome.class);
    client.send(new Register(name, List.of("rooms=" + rooms)));
    client.nextFrame(Register.class);
    return client;
  }

  @SuppressWarnings("unchecked")
  private List<String> roomList() {
    return (List<String>) page.script("return [...document.querySelectorAll('#rooms li')].map((li) => li.innerText.replace(/\\s+/g, ' ').trim())");
  }

  private static ChatMessage nextMessageIn(WebSocketRecorder client, String room) throws InterruptedException {
    while (true) {
      ServerFrame frame = client.nextServerFrame();
      if (frame instanceof InRoom inRoom && inRoom.frame() instanceof ChatMessage message && inRoom.room().equals(room)) {
        return message;
      }
    }
  }

  @Test
  void aRoomJoinedHasItsOwnPaneAndOtherRoomsCountWhatIsUnread() throws Exception {
    WebSocketRecorder erin = roomsClient("erin", "#general,#dev");
    page.join(chat.uri(), "ann");
    page.waitFor(() -> roomList().equals(List.of("#general")));
    page.say("/join #dev");
    page.waitFor(() -> roomList().equals(List.of("#general", "#dev")));
    page.waitFor(() -> page.browser().findElement(org.openqa.selenium.By.id("room-now")).getText().equals("#dev"));

    page.say("hello dev");
    ChatMessage said = nextMessageIn(erin, "#dev");
    while (!said.from().equals("ann")) {
      said = nextMessageIn(erin, "#dev");
    }
    assertEquals("hello dev", said.message());

    erin.send(new SendMessage("ann: over in general", "e1"));
    page.waitFor(() -> roomList().equals(List.of("#general 1!", "#dev")));
    page.say("/switch #general");
    page.waitFor(() -> page.messages().contains("over in general"));
    page.waitFor(() -> roomList().equals(List.of("#general", "#dev")));
    assertEquals(false, page.messages().contains("hello dev"), "one pane a room");

    page.say("/switch #dev");
    page.say("/topic release on Friday");
    page.waitFor(() -> page.browser().findElement(org.openqa.selenium.By.id("topic")).getText().equals("release on Friday"));
  }
}
