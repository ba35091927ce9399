package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.CuttableProxy;
import dev.termchat.testing.RoomMember;
import dev.termchat.testing.RoomsView;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;

/**
 * After its connection drops, the page is back in all its rooms, typing in the one it typed in,
 * in Chromium at 1280 px: after a server restart on the same port, and after a pulled cable,
 * when each room shows what it missed once; and a page loaded again asks for the rooms it was in.
 */
class WebPageRoomsReturnIT {
  /** Long enough for the page's retries, which wait 1, 2, 4 s... on a busy machine. */
  private static final Duration BACK = Duration.ofSeconds(40);

  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();
  private final RoomsView rooms = new RoomsView(page);

  @BeforeEach
  void wideScreen() {
    page.browser().manage().window().setSize(new Dimension(1280, 800));
  }

  /** The page joins as ann, then #dev and #ops, and types in #dev. */
  private void annInThreeRooms(URI server) {
    page.join(server, "ann");
    page.say("/join #dev #ops");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev", "#ops")));
    page.say("/switch #dev");
    page.waitFor(() -> rooms.now().equals("#dev"));
  }

  @Test
  void afterARestartThePageIsBackInAllItsRoomsTypingInTheSameOne() throws Exception {
    annInThreeRooms(chat.uri());
    chat.restart();
    page.waitFor(BACK, () -> page.messages().contains("reconnected as ann"));
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev", "#ops")) && rooms.now().equals("#dev"));

    RoomMember erin = RoomMember.join(chat, "erin", "#general,#dev,#ops");
    erin.say("#ops", "ann: the disk is full");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev", "#ops 1 @1")));
    page.say("back in dev");
    assertEquals("back in dev", erin.nextFrom("#dev", "ann").message(), "the server has the page in #dev again");
  }

  @Test
  void afterACutConnectionEachRoomShowsWhatItMissedOnce() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#general,#dev,#ops");
    try (CuttableProxy proxy = new CuttableProxy(chat.uri())) {
      annInThreeRooms(proxy.uri(chat.uri()));
      erin.say("#dev", "before the cut");
      page.waitFor(() -> page.messages().contains("before the cut"));
      proxy.cut();
      page.waitFor(() -> page.status().contains("reconnecting"));
      erin.say("#dev", "missed in dev");
      erin.say("#ops", "missed in ops 1");
      erin.say("#ops", "ann: missed in ops 2");
      proxy.restore();

      page.waitFor(BACK, () -> page.messages().contains("missed in dev"));
      page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev", "#ops 2 @1")) && rooms.now().equals("#dev"));
      assertEquals(1, count(rooms.pane("#dev"), "before the cut"), rooms.pane("#dev"));
      assertEquals(1, count(rooms.pane("#dev"), "missed in dev"), rooms.pane("#dev"));
      // A room's own pane needs no room's name before what it caught up.
      assertEquals(1, count(rooms.pane("#dev"), "\ncaught up: 1 message you missed"), rooms.pane("#dev"));
      page.say("/switch #ops");
      page.waitFor(() -> page.messages().contains("missed in ops 2"));
      assertEquals(1, count(page.messages(), "missed in ops 1"), page.messages());
      assertEquals(1, count(page.messages(), "\ncaught up: 2 messages you missed"), page.messages());
      assertEquals(0, count(page.messages(), "in dev"), "#ops shows none of #dev's lines: " + page.messages());
      page.say("back in ops");
      assertEquals("back in ops", erin.nextFrom("#ops", "ann").message());
    }
  }

  @Test
  void aReloadedPageAsksForTheRoomsItWasInAgain() throws Exception {
    annInThreeRooms(chat.uri());
    page.say("/part #ops");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev")));
    page.open(chat.uri());
    page.typeName("ann");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev")));
    RoomMember erin = RoomMember.join(chat, "erin", "#general,#dev");
    erin.say("#dev", "ann: you are back");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev 1 @1")));
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
