package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static dev.termchat.testing.ChatFixture.registerOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.SendPrivate;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.Colours;
import dev.termchat.testing.WebSocketRecorder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the page says of joins, renames and the server's going away, and how it colours names, in
 * Chromium.
 */
class WebPageNoticesIT {
  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();

  @Test
  void theServerShuttingDownIsSaidOnceNotAsEveryoneLeaving() throws Exception {
    page.join(chat.uri(), "ann");
    page.newTab();
    page.join(chat.uri(), "ben");
    WebSocketRecorder cat = chat.connect();
    assertEquals("cat", register(cat, "cat"));
    page.waitFor(() -> page.users().equals(List.of("ann", "ben", "cat")));

    chat.server().close();
    page.waitFor(() -> page.messages().contains("the server went away"));
    String said = page.messages();
    assertFalse(said.contains(" left"), "no one is said to have left when the server went away: " + said);
    assertTrue(page.status().contains("reconnecting"), page.status());
  }

  @Test
  void theirOwnJoinAndRenameAreSaidInTheFirstPerson() throws Exception {
    page.join(chat.uri(), "ann");
    page.waitFor(() -> page.messages().contains("you joined as ann"));
    page.say("/nick anna");
    page.waitFor(() -> page.messages().contains("you are now known as anna"));
    WebSocketRecorder ben = chat.connect();
    assertEquals("ben", register(ben, "ben"));
    page.waitFor(() -> page.messages().contains("ben joined"));
    String said = page.messages();
    assertFalse(said.contains("ann joined") || said.contains("ann is now known as"), said);
    assertFalse(said.contains(" is taken"), said);
  }

  /** In several rooms, a room may tell the rename before the register answers it: still the page's own. */
  @Test
  void theirOwnRenameInSeveralRoomsIsSaidInTheFirstPersonOnce() throws Exception {
    page.join(chat.uri(), "rex");
    page.waitFor(() -> page.messages().contains("you joined as rex"));
    page.say("/join #dev #ops");
    page.waitFor(() -> page.messages().contains("you joined #ops"));
    page.say("/nick rexy");
    page.waitFor(() -> allPanes().contains("you are now known as rexy"));
    page.waitFor(() -> page.me().equals("rexy"));
    String said = allPanes();
    assertFalse(said.contains("rex is now known as"), said);
    assertEquals(1, said.split("you are now known as", -1).length - 1, said);
  }

  private String allPanes() {
    return (String) page.script("return [...document.querySelectorAll('ol.messages')].map((pane) => pane.innerText).join('\\n')");
  }

  @Test
  void aTakenNameAskedForIsSaidToBeTaken() throws Exception {
    WebSocketRecorder ben = chat.connect();
    assertEquals("ben", register(ben, "ben"));
    page.join(chat.uri(), "ann");
    page.waitFor(() -> page.messages().contains("you joined as ann"));
    page.say("/nick ben");
    page.waitFor(() -> page.messages().contains("you are now known as ben-2 (ben is taken, or too like a name in use)"));
    page.say("/nick ben");
    page.waitFor(() -> page.messages().contains("you are still ben-2 (ben is taken, or too like a name in use)"));
  }

  @Test
  void everyNameColourStandsOutOnItsBackgroundAndFromEveryOther() throws Exception {
    page.join(chat.uri(), "ann");
    // Names that fall on each of the page's eight colours, and some on the same.
    List<String> names = List.of("bob", "carol", "dave", "erin", "grace", "ben", "nina", "victor", "judy", "ivan", "peggy");
    for (String name : names) {
      WebSocketRecorder other = chat.connect();
      // Only the reply: under this churn the users list naming it may come after others' lines.
      assertEquals(name, registerOnly(other, name));
      other.send(new SendMessage("hello from " + name));
      other.send(new SendPrivate("ann", "psst from " + name, null));
    }
    page.waitFor(() -> page.messages().contains("psst from peggy") && page.users().size() == 12);
    // Names in the conversation, on white; in private messages, on lilac; in the users list, on
    // dark grey.
    assertDistinctAndReadable("#messages li:not(.private) .from", "#messages");
    assertDistinctAndReadable("#messages .private .from", "#messages .private");
    assertDistinctAndReadable("#users li", "aside");
  }

  @SuppressWarnings("unchecked")
  private void assertDistinctAndReadable(String names, String container) {
    List<String> colours =
        (List<String>) page.script("return [...document.querySelectorAll(arguments[0])].map((e) => getComputedStyle(e).color)", names);
    String background = (String) page.script("return getComputedStyle(document.querySelector(arguments[0])).backgroundColor", container);
    assertTrue(colours.size() >= 11, names + ": " + colours);
    Set<String> distinct = new LinkedHashSet<>(colours);
    assertTrue(distinct.size() >= 8, "names take eight colours or more: " + distinct);
    double leastContrast = Double.MAX_VALUE;
    for (String colour : distinct) {
      double contrast = Colours.contrast(Colours.rgb(colour), Colours.rgb(background));
      assertTrue(contrast >= 4.5, colour + " on " + background + " has a contrast of " + contrast + ", under WCAG AA's 4.5");
      leastContrast = Math.min(leastContrast, contrast);
    }
    double leastDifference = Double.MAX_VALUE;
    for (String one : distinct) {
      for (String other : distinct) {
        double difference = Colours.deltaE(Colours.rgb(one), Colours.rgb(other));
        assertTrue(one.equals(other) || difference >= 30, one + " and " + other + " are " + difference + " apart in CIELAB, under 30");
        leastDifference = one.equals(other) ? leastDifference : Math.min(leastDifference, difference);
      }
    }
    // The figures README quotes.
    System.out.printf("%s on %s: least contrast %.2f:1, least difference ΔE %.1f%n", names, background, leastContrast, leastDifference);
  }
}
