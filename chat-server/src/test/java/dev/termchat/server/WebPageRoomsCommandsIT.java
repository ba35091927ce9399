package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.termchat.protocol.Presence;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.RoomMember;
import dev.termchat.testing.RoomsView;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;

/**
 * The page's room commands as the terminal client takes them, in Chromium at 1280 px: in no room
 * a line is not sent; /part and /join take several rooms, /join typing in the last; /names says
 * the room.
 */
class WebPageRoomsCommandsIT {
  /** What the terminal client says too (chat-client's SessionRooms.NO_ROOM). */
  private static final String NO_ROOM = "you are in no room; /join #ROOM joins one";

  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();
  private final RoomsView rooms = new RoomsView(page);

  @BeforeEach
  void wideScreen() {
    page.browser().manage().window().setSize(new Dimension(1280, 800));
  }

  @Test
  void inNoRoomALineIsNotSentAndTheHeaderAndUsersListAreEmpty() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#general,#dev");
    page.join(chat.uri(), "ann");
    page.say("/join #dev");
    page.waitFor(() -> rooms.now().equals("#dev") && page.users().equals(List.of("erin", "ann")));

    page.say("/part");
    page.waitFor(() -> rooms.list().equals(List.of("#general")));
    page.say("/part");
    erin.awaitPresence("#general", Presence.left(List.of("ann")));
    page.waitFor(() -> rooms.list().isEmpty() && rooms.now().isEmpty() && page.users().isEmpty());
    assertEquals("(0)", page.script("return document.getElementById('user-count').textContent"));

    page.say("anyone?");
    page.waitFor(() -> count(page.messages(), NO_ROOM) == 1);
    assertFalse(page.messages().contains("anyone?"), "the line is not drawn as sent: " + page.messages());
    page.say("/part");
    page.waitFor(() -> count(page.messages(), NO_ROOM) == 2);
    page.say("/names");
    page.waitFor(() -> count(page.messages(), NO_ROOM) == 3);
    page.say("/switch #general");
    page.waitFor(() -> page.messages().contains("not in #general; /join #general joins it"));
    assertEquals("", rooms.now());

    // Answered after anything the server said of the line or the parts: it said nothing.
    page.say("/join #ops");
    page.waitFor(() -> rooms.list().equals(List.of("#ops")) && rooms.now().equals("#ops") && page.users().equals(List.of("ann")));
    for (String room : List.of("#general", "#dev", "#ops")) {
      String pane = rooms.pane(room);
      assertFalse(pane.contains("not delivered") || pane.contains("you are not in") || pane.contains("server:"), room + ": " + pane);
    }
    page.say("in ops now");
    page.waitFor(() -> page.messages().contains("in ops now") && !page.messages().contains(NO_ROOM));
  }

  @Test
  void partTakesSeveralRooms() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#general,#dev,#ops");
    page.join(chat.uri(), "ann");
    page.say("/join #dev #ops");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev", "#ops")));
    page.say("/part #ops, dev");
    erin.awaitPresence("#ops", Presence.left(List.of("ann")));
    erin.awaitPresence("#dev", Presence.left(List.of("ann")));
    page.waitFor(() -> rooms.list().equals(List.of("#general")) && rooms.now().equals("#general"));
  }

  @Test
  void joinOfSeveralRoomsTypesInTheLast() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#general,#ops,#dev,#qa");
    page.join(chat.uri(), "ann");
    page.say("/join #ops #dev");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#ops", "#dev")) && rooms.now().equals("#dev"));
    page.say("typed in dev");
    assertEquals("typed in dev", erin.nextFrom("#dev", "ann").message());

    // From no room too.
    for (String room : List.of("#general", "#ops", "#dev")) {
      page.say("/part " + room);
    }
    page.waitFor(() -> rooms.list().isEmpty());
    page.say("/join #ops,#qa");
    page.waitFor(() -> rooms.list().equals(List.of("#ops", "#qa")) && rooms.now().equals("#qa"));
    page.say("typed in qa");
    assertEquals("typed in qa", erin.nextFrom("#qa", "ann").message());
  }

  @Test
  void namesAndWhoSayTheRoom() throws Exception {
    RoomMember.join(chat, "erin", "#general,#dev");
    RoomMember.join(chat, "bob", "#general");
    page.join(chat.uri(), "ann");
    page.say("/join #dev");
    page.waitFor(() -> rooms.now().equals("#dev") && page.users().equals(List.of("erin", "ann")));
    page.say("/names");
    // erin made #dev, so owns it: marked as the terminal's /names marks her.
    page.waitFor(() -> page.messages().contains("in #dev (2): @erin, ann"));
    page.say("/switch #general");
    page.waitFor(() -> rooms.now().equals("#general") && page.users().size() == 3);
    page.say("/who");
    page.waitFor(() -> page.messages().contains("in #general (3): "));
    assertFalse(page.messages().contains("online ("), page.messages());
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
