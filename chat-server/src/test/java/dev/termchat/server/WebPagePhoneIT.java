package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.RoomMember;
import dev.termchat.testing.RoomsView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The page fits the screen as a chat app does, in Chromium, on a phone held upright (390x844), a
 * small one (500x700), a window in between and the desktop: with three rooms, three users and
 * forty lines, the page itself does not scroll; the input line and Send are on screen; the
 * conversation is what scrolls and it shows the latest line; the room list and the users'
 * heading are whole.
 */
class WebPagePhoneIT {
  private static final int LINES = 40;

  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();
  private final RoomsView rooms = new RoomsView(page);

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"390, 844, true", "500, 700, true", "800, 600, false", "1280, 800, false"})
  void theInputAndTheLatestLineAreOnScreenAndOnlyTheConversationScrolls(int width, int height, boolean phone) throws Exception {
    page.viewport(width, height, phone);
    RoomMember erin = RoomMember.join(chat, "erin", "#general,#dev,#ops");
    RoomMember.join(chat, "bob", "#general");
    for (int i = 1; i <= LINES - 5; i++) {
      erin.say("#general", line(i));
    }

    // As the new user found it: joined with the lines before it in #general.
    page.join(chat.uri(), "phone");
    assertEquals(List.of((long) width, (long) height), page.script("return [window.innerWidth, window.innerHeight]"),
        "the page's viewport is the screen asked for");
    page.waitFor(() -> page.messages().contains(line(LINES - 5)) && page.users().size() == 3);
    assertFits(line(LINES - 5), 1);

    // In three rooms, while the last lines of #general come in another one's pane.
    page.say("/join #dev #ops");
    page.waitFor(() -> rooms.list().equals(List.of("#general", "#dev", "#ops")) && !rooms.now().equals("#general"));
    for (int i = LINES - 4; i <= LINES; i++) {
      erin.say("#general", line(i));
    }
    page.waitFor(() -> rooms.list().get(0).equals("#general 5"));
    page.say("/switch #general");
    page.waitFor(() -> rooms.now().equals("#general") && page.messages().contains(line(LINES)) && page.users().size() == 3);
    assertFits(line(LINES), 3);
    page.screenshot("web-phone-" + width + "x" + height + ".png");
  }

  /** In many rooms, the list takes at most four rows of a phone's screen and scrolls; the room typed in is in sight. */
  @Test
  void inManyRoomsTheListScrollsAndShowsTheRoomTypedIn() throws Exception {
    page.viewport(390, 844, true);
    page.join(chat.uri(), "phone");
    List<String> many = IntStream.rangeClosed(1, 17).mapToObj((i) -> String.format("#team-%02d", i)).toList();
    page.say("/join " + String.join(" ", many));
    page.waitFor(() -> rooms.list().size() == 18);
    page.say("/switch #general");
    page.waitFor(() -> rooms.now().equals("#general"));
    page.say("/switch #team-17");
    page.waitFor(() -> rooms.now().equals("#team-17"));
    assertAll(
        () -> assertEquals(page.script("return document.documentElement.clientHeight"),
            page.script("return document.documentElement.scrollHeight"), "the page itself does not scroll"),
        () -> assertOnScreen("#send"),
        () -> assertTrue(((Number) page.script("return document.querySelector('aside').getBoundingClientRect().height")).doubleValue() <= 844 * 0.2,
            "the side takes at most a fifth of the screen: " + RoomsView.box(page, "aside")),
        () -> assertWithin("#rooms > li.current", "#rooms"),
        () -> assertWithin("#rooms > li.current", "aside"));
  }

  /** What keeps a pane at its latest line leaves one scrolled back alone. */
  @Test
  void aPaneScrolledBackStaysWhereItWasAsLinesComeAndWhenShownAgain() throws Exception {
    page.viewport(390, 844, true);
    RoomMember erin = RoomMember.join(chat, "erin", "#general,#dev");
    for (int i = 1; i <= LINES; i++) {
      erin.say("#general", line(i));
    }
    page.join(chat.uri(), "phone");
    page.waitFor(() -> page.messages().contains(line(LINES)));
    page.script("document.getElementById('messages').scrollTop = 300");
    page.waitFor(() -> scrolledTo() == 300);

    erin.say("#general", "a line while phone reads back");
    page.waitFor(() -> page.messages().contains("while phone reads back"));
    assertEquals(300, scrolledTo(), "a new line does not pull the pane away from what is read");

    page.say("/join #dev");
    page.waitFor(() -> rooms.now().equals("#dev"));
    page.say("/switch #general");
    page.waitFor(() -> rooms.now().equals("#general"));
    assertEquals(300, scrolledTo(), "the pane is back where it was left");
  }

  private long scrolledTo() {
    return Math.round(((Number) page.script("return document.getElementById('messages').scrollTop")).doubleValue());
  }

  /** Every other line is long enough to wrap on a phone. */
  private static String line(int n) {
    return "line " + n + " of " + LINES + (n % 2 == 0 ? ", and a little more said about it so that it runs over the width of a small screen" : "");
  }

  /** Each check reported on its own, so that a failure shows all that does not fit. */
  private void assertFits(String latest, long roomCount) {
    String last = "#messages > li:last-child";
    String usersHeading = "aside h2:has(#user-count)";
    assertTrue(((String) page.script("return document.querySelector(arguments[0]).textContent", last)).endsWith(latest));
    assertEquals("Users (3)", page.script("return document.querySelector(arguments[0]).textContent", usersHeading));
    assertEquals(roomCount, page.script("return document.querySelectorAll('#rooms > li').length"));
    List<Executable> checks = new ArrayList<>(List.of(
        () -> assertEquals(page.script("return document.documentElement.clientHeight"),
            page.script("return document.documentElement.scrollHeight"), "the page itself does not scroll"),
        () -> assertOnScreen("#line"),
        () -> assertOnScreen("#send"),
        () -> assertTrue((Boolean) page.script("const m = document.getElementById('messages'); return m.scrollHeight > m.clientHeight"),
            "the conversation is longer than its pane, which scrolls"),
        () -> assertWithin(last, "#messages"),
        () -> assertOnScreen(last),
        () -> assertWithin(usersHeading, "aside"),
        () -> assertOnScreen(usersHeading),
        () -> assertWithin("#users > li:first-child", "aside"),
        () -> assertOnScreen("#users > li:first-child")));
    for (int i = 1; i <= roomCount; i++) {
      String room = "#rooms > li:nth-child(" + i + ")";
      checks.add(() -> assertWithin(room, "aside"));
      checks.add(() -> assertOnScreen(room));
    }
    assertAll(checks);
  }

  /** Drawn whole inside the viewport. */
  private void assertOnScreen(String selector) {
    Map<?, ?> box = RoomsView.box(page, selector);
    long width = (Long) page.script("return document.documentElement.clientWidth");
    long height = (Long) page.script("return document.documentElement.clientHeight");
    assertTrue(at(box, "left") >= 0 && at(box, "right") <= width && at(box, "top") >= 0 && at(box, "bottom") <= height,
        selector + " is drawn at " + box + " in a viewport of " + width + "x" + height);
  }

  /** Drawn whole inside what the container shows of itself (not cut by its edge, nor scrolled out of it). */
  private void assertWithin(String selector, String container) {
    Map<?, ?> box = RoomsView.box(page, selector);
    Map<?, ?> outer = RoomsView.box(page, container);
    assertTrue(at(box, "left") >= at(outer, "left") - 1 && at(box, "right") <= at(outer, "right") + 1
            && at(box, "top") >= at(outer, "top") - 1 && at(box, "bottom") <= at(outer, "bottom") + 1,
        selector + " is drawn at " + box + ", out of " + container + " at " + outer);
  }

  private static double at(Map<?, ?> box, String side) {
    return ((Number) box.get(side)).doubleValue();
  }
}
