package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.Presence;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.RoomMember;
import dev.termchat.testing.RoomsView;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;

/**
 * The page's rooms, in Chromium at 1280 px, against a rooms client over a real socket: a pane a
 * room, the room list with what is unread and what mentions the person, switching, the topic,
 * parting; and the same at 390 px, with nothing cut off.
 */
class WebPageRoomsIT {
  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();
  private final RoomsView rooms = new RoomsView(page);

  @BeforeEach
  void wideScreen() {
    page.browser().manage().window().setSize(new Dimension(1280, 800));
  }

  /** The page joins as ann, then #dev, which it then types in. */
  private void annInGeneralAndDev() {
    page.join(chat.uri(), "ann");
    page.waitFor(() -> rooms.list().equals(List.of("#general")) && rooms.now().equals("#general"));
    page.say("/join #dev");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev")) && rooms.now().equals("#dev"));
  }

  @Test
  void eachRoomHasItsOwnPaneAndTheListCountsWhatIsUnreadAndWhatMentionsYou() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#general,#dev");
    erin.setTopic("#dev", "release on Friday");
    annInGeneralAndDev();
    assertEquals("#dev", rooms.paneShown());
    page.waitFor(() -> page.users().equals(List.of("erin", "ann")));

    page.say("hello dev");
    assertEquals("hello dev", erin.nextFrom("#dev", "ann").message(), "a line goes to the room typed in");

    erin.say("#general", "plain line in general");
    page.waitFor(() -> rooms.list().equals(List.of("#general 1", "#dev")));
    erin.say("#general", "ann: over in general");
    page.waitFor(() -> rooms.list().equals(List.of("#general 2 @1", "#dev")));
    erin.say("#general", "ANN, and one more");
    page.waitFor(() -> rooms.list().equals(List.of("#general 3 @2", "#dev")));
    assertEquals(List.of("#general"), page.script("return [...document.querySelectorAll('#rooms li.mentioned button')].map((b) => b.textContent)"));
    erin.say("#dev", "seen at once in dev");
    page.waitFor(() -> page.messages().contains("seen at once in dev"));
    assertEquals(List.of("#general 3 @2", "#dev"), rooms.list(), "a line in the room typed in is not unread");
    page.screenshot("web-rooms.png");
    assertFalse(page.messages().contains("in general"), "#dev's pane has none of #general's lines: " + page.messages());

    rooms.click("#general");
    page.waitFor(() -> rooms.now().equals("#general") && rooms.list().equals(List.of("#general", "#dev")));
    assertEquals("#general", rooms.paneShown());
    assertTrue(page.messages().contains("over in general"), page.messages());
    assertFalse(page.messages().contains("hello dev") || page.messages().contains("seen at once in dev"), "#general's pane has none of #dev's lines: " + page.messages());

    erin.say("#dev", "ann, back in dev?");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev 1 @1")));
    page.say("/switch #dev");
    page.waitFor(() -> rooms.now().equals("#dev") && rooms.list().equals(List.of("#general", "#dev")));
    assertEquals("#dev", rooms.paneShown());
    assertTrue(page.messages().contains("hello dev") && page.messages().contains("ann, back in dev?"), page.messages());
    page.say("/switch #ops");
    page.waitFor(() -> page.messages().contains("not in #ops; /join #ops joins it"));
    assertEquals("#dev", rooms.now());
  }

  @Test
  void theTopicOfTheRoomTypedInIsShownAndSetFromThePage() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#general,#dev");
    erin.setTopic("#dev", "release on Friday");
    annInGeneralAndDev();
    page.waitFor(() -> rooms.topic().equals("release on Friday"));

    page.say("/topic release on Monday");
    assertEquals("ann", erin.nextTopic("#dev").by());
    page.waitFor(() -> rooms.topic().equals("release on Monday"));
    assertTrue(page.messages().contains("topic of #dev: release on Monday (set by ann)"), page.messages());

    page.say("/switch #general");
    page.waitFor(() -> rooms.now().equals("#general"));
    assertEquals("", rooms.topic(), "#general has no topic");
    erin.setTopic("#general", "all hands at 10");
    page.waitFor(() -> rooms.topic().equals("all hands at 10"));
    page.say("/switch #dev");
    page.waitFor(() -> rooms.topic().equals("release on Monday"));
  }

  @Test
  void partingLeavesTheRoomWhichListsNoMore() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#general,#dev");
    annInGeneralAndDev();
    page.say("/list");
    page.waitFor(() -> page.messages().contains("#dev (2)") && page.messages().contains("#general (2)"));

    page.say("/part");
    erin.awaitPresence("#dev", Presence.left(List.of("ann")));
    page.waitFor(() -> rooms.list().equals(List.of("#general")) && rooms.now().equals("#general"));
    assertEquals("#general", rooms.paneShown());
    erin.say("#dev", "after ann left");
    erin.say("#general", "ann: still here?");
    page.waitFor(() -> page.messages().contains("still here?"));
    assertFalse(rooms.pane("#dev").contains("after ann left"), rooms.pane("#dev"));
    assertEquals(List.of("#general"), rooms.list());
    page.say("from general");
    assertEquals("from general", erin.nextFrom("#general", "ann").message());
  }

  @Test
  void onAPhoneTheRoomListAndEverythingElseFit() throws Exception {
    page.browser().manage().window().setSize(new Dimension(390, 844));
    String longRoom = "#" + "release-planning-".repeat(3) + "2027q1";
    RoomMember erin = RoomMember.join(chat, "erin", "#general," + longRoom);
    erin.setTopic(longRoom, "the release of the first quarter, its dates, its risks and who signs it off at the end");
    annInGeneralAndDev();
    page.say("/join " + longRoom);
    page.waitFor(() -> rooms.now().equals(longRoom) && rooms.topic().startsWith("the release"));
    erin.say("#general", "ann: one in general");
    page.waitFor(() -> rooms.list().equals(List.of("#general 1 @1", "#dev", longRoom)));

    long width = (Long) page.script("return document.documentElement.clientWidth");
    for (String selector : List.of("#send", "#line", "#messages", "#users", "#rooms", "#room-now", "#topic",
        "#rooms li:nth-child(1) .unread", "#rooms li:nth-child(3) button")) {
      Map<?, ?> box = RoomsView.box(page, selector);
      double left = ((Number) box.get("left")).doubleValue();
      double right = ((Number) box.get("right")).doubleValue();
      assertTrue(left >= 0 && right <= width, selector + " spans " + left + " to " + right + " of " + width);
    }
    assertEquals(Boolean.FALSE, page.script("return document.documentElement.scrollWidth > document.documentElement.clientWidth"));
    assertEquals(Boolean.FALSE, page.script("return [...document.querySelectorAll('#rooms li, #rooms button')].some((e) => e.scrollWidth > e.clientWidth + 1)"),
        "no room's name runs out of its entry");
    for (int i = 1; i <= 3; i++) {
      Map<?, ?> room = RoomsView.box(page, "#rooms li:nth-child(" + i + ")");
      Map<?, ?> list = RoomsView.box(page, "#rooms");
      Map<?, ?> side = RoomsView.box(page, "aside");
      double top = ((Number) room.get("top")).doubleValue();
      double bottom = ((Number) room.get("bottom")).doubleValue();
      assertTrue(top >= ((Number) list.get("top")).doubleValue() && bottom <= ((Number) list.get("bottom")).doubleValue() + 1
              && top >= ((Number) side.get("top")).doubleValue() && bottom <= ((Number) side.get("bottom")).doubleValue() + 1,
          "room " + i + " is drawn whole, not cut by the bottom of its list at " + list + " or of the side at " + side + ": " + room);
    }
    page.screenshot("web-rooms-phone.png");
    // The whole room list can be reached: the side scrolls, and a tap on a room switches to it.
    rooms.click("#general");
    page.waitFor(() -> rooms.now().equals("#general") && page.messages().contains("one in general"));
  }

  /** In a desktop window in 26 rooms the room list scrolls, the room typed in in sight, and the users' heading stays on screen. */
  @Test
  void onADesktopManyRoomsLeaveTheUsersInSight() throws Exception {
    page.join(chat.uri(), "ann");
    List<String> many = IntStream.rangeClosed(1, 25).mapToObj((i) -> String.format("#team-%02d", i)).toList();
    page.say("/join " + String.join(" ", many));
    page.waitFor(() -> rooms.list().size() == 26);
    page.say("/switch #general");
    page.waitFor(() -> rooms.now().equals("#general"));
    page.say("/switch #team-25");
    page.waitFor(() -> rooms.now().equals("#team-25"));
    assertWithin("#rooms > li.current", "#rooms");
    assertWithin("aside h2:has(#user-count)", "aside");
    assertWithin("#users > li:first-child", "aside");
    double bottom = ((Number) RoomsView.box(page, "#users > li:first-child").get("bottom")).doubleValue();
    Object height = page.script("return document.documentElement.clientHeight");
    assertTrue(bottom <= ((Number) height).doubleValue(), "the users list starts on screen, " + height + " px high: " + bottom);
    page.say("/switch #general");
    page.waitFor(() -> rooms.now().equals("#general"));
    assertWithin("#rooms > li.current", "#rooms");
  }

  /** Drawn whole inside what the container shows of itself. */
  private void assertWithin(String selector, String container) {
    Map<?, ?> box = RoomsView.box(page, selector);
    Map<?, ?> outer = RoomsView.box(page, container);
    assertTrue(at(box, "top") >= at(outer, "top") - 1 && at(box, "bottom") <= at(outer, "bottom") + 1,
        selector + " is drawn at " + box + ", out of " + container + " at " + outer);
  }

  private static double at(Map<?, ?> box, String side) {
    return ((Number) box.get(side)).doubleValue();
  }
}
