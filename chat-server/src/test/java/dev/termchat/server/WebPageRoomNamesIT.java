package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The page keeps its rooms as the server compares them, in Chromium at 1280 px: {@code #Dev} is
 * {@code #dev}. A room asked for in one spelling and answered in the server's is kept once, under
 * the server's spelling, switched to in any case or width, and once parted it is not asked for
 * again on a reload.
 */
class WebPageRoomNamesIT {
  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();
  private final RoomsView rooms = new RoomsView(page);

  @BeforeEach
  void wideScreen() {
    page.browser().manage().window().setSize(new Dimension(1280, 800));
  }

  @Test
  void aRoomJoinedInAnotherSpellingIsPartedForGood() throws Exception {
    RoomMember.join(chat, "erin", "#general,#dev");
    page.join(chat.uri(), "ann");
    page.say("/join #Dev");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev")) && rooms.now().equals("#dev"));
    assertEquals("[\"#general\",\"#dev\"]", stored());
    page.say("/switch #general");
    page.waitFor(() -> rooms.now().equals("#general"));
    page.say("/switch #ＤＥＶ");
    page.waitFor(() -> rooms.now().equals("#dev"));
    page.say("/part #DEV");
    page.waitFor(() -> rooms.list().equals(List.of("#general")));

    assertReloadedIn("#general");
  }

  @Test
  void aRoomKeptInASpellingTheServerNoLongerGivesItIsKeptOnceAndPartedForGood() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#general");
    page.join(chat.uri(), "ann");
    page.say("/join #Dev");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#Dev")));
    assertEquals("[\"#general\",\"#Dev\"]", stored());
    // The page goes; #Dev, with no one in it and nothing said there, is forgotten, and bob makes #dev.
    page.open(chat.uri());
    erin.awaitPresence("#general", Presence.left(List.of("ann")));
    RoomMember bob = RoomMember.join(chat, "bob", "#dev");
    bob.say("#dev", "made as #dev");

    page.typeName("ann");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev")));
    page.waitFor(() -> rooms.pane("#dev") != null && rooms.pane("#dev").contains("made as #dev"));
    assertEquals("[\"#general\",\"#dev\"]", stored(), "kept once, as the server spells it");
    page.say("/part #dev");
    page.waitFor(() -> rooms.list().equals(List.of("#general")));

    assertReloadedIn("#general");
  }

  @Test
  void aRoomKeptTwiceByAnEarlierPageIsAskedForOnce() throws Exception {
    RoomMember.join(chat, "erin", "#general,#dev");
    page.open(chat.uri());
    page.script("localStorage.setItem('termchat.rooms', JSON.stringify(['#general', '#Dev', '#dev', '#DEV']))");
    page.open(chat.uri());
    page.typeName("ann");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev")));
    assertEquals("[\"#general\",\"#dev\"]", stored());
    page.say("/part #dev");
    page.waitFor(() -> rooms.list().equals(List.of("#general")));

    assertReloadedIn("#general");
  }

  /**
   * Loads the page again as ann, then joins #ops: the server answers the rooms the register asks
   * for before a join typed after it, so once the page is in #ops it is in every room it asked for.
   */
  private void assertReloadedIn(String... asked) {
    page.open(chat.uri());
    page.typeName("ann");
    page.waitFor(() -> page.me().equals("ann"));
    page.say("/join #ops");
    page.waitFor(() -> rooms.list().contains("#ops"));
    List<String> expected = new java.util.ArrayList<>(List.of(asked));
    expected.add("#ops");
    assertEquals(expected, rooms.list());
  }

  /** The rooms the page keeps in the browser, as stored. */
  private String stored() {
    return (String) page.script("return localStorage.getItem('termchat.rooms')");
  }
}
