package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SearchHits;
import dev.termchat.protocol.Wire;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.PrivateChat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleViewTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  private static final Clock AT_NOON = Clock.fixed(instant(12, 0), ZONE);

  private final StringWriter out = new StringWriter();

  private ConsoleView view(Palette palette) {
    return new ConsoleView(
        new ChatLines(palette, AT_NOON), Output.plain(new PrintWriter(out), palette.isColored()));
  }

  private static java.time.Instant instant(int hour, int minute) {
    return LocalDateTime.of(2026, 11, 26, hour, minute).atZone(ZONE).toInstant();
  }

  private static long at(int hour, int minute) {
    return instant(hour, minute).toEpochMilli();
  }

  private String lines() {
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void aMessageShowsLocalTimeSenderAndAddress() {
    view(Palette.plain()).message(new ChatMessage("alice", "hello", at(14, 2), "127.0.0.1:49123"), false);
    assertEquals("[14:02] alice (127.0.0.1:49123): hello\n", lines());
  }

  @Test
  void theConversationFeaturesReadAsIrcUsersExpect() {
    ConsoleView view = view(Palette.plain());
    view.connected("alice", "", false, false);
    view.history(new ChatMessage(false, "bob", "yesterday's news", LocalDateTime.of(2026, 11, 25, 18, 30).atZone(ZONE).toInstant().toEpochMilli(), null, "1-1", null), true);
    view.history(new ChatMessage(true, "carol", "yawns", at(9, 15), null, "1-2", null), false);
    view.message(new ChatMessage(true, "bob", "waves", at(12, 0), "127.0.0.1:43420", "1-3", null), false);
    view.privateMessage(new PrivateChat("bob", "alice", "psst", at(12, 0), "1-4", null), false);
    view.privateMessage(new PrivateChat("alice", "bob", "hush", at(12, 0), "1-5", "c1"), true);
    view.renamed("bob", "robert", false, "");
    view.renamed("alice", "alicia", true, "");
    view.renamed("alicia", "b0b-2", true, "b0b is too like bob, a name in use");
    view.resumed(true, 3);
    view.resumed(true, 0);
    view.resumed(false, 300);
    view.resumed(false, 0);
    assertEquals(
        """
        [12:00] -!- connected as alice
        [12:00] -!- history: what was said before you joined
        [25 Nov 18:30] bob: yesterday's news
        [09:15] * carol yawns
        [12:00] * bob (127.0.0.1:43420) waves
        [12:00] bob -> alice (private): psst
        [12:00] alice -> bob (private): hush
        [12:00] -!- bob is now known as robert
        [12:00] -!- you are now known as alicia
        [12:00] -!- you are now known as b0b-2 (b0b is too like bob, a name in use)
        [12:00] -!- caught up: 3 messages you missed
        [12:00] -!- caught up: you missed nothing
        [12:00] -!- not all that was said while you were away can be sent again: the latest 300 follow
        [12:00] -!- the server's log does not reach back to where you left off, as after a restart: what was said in between is not there
        """,
        lines());
  }

  @Test
  void earlierMessagesAreShownAsHistoryBetweenTwoNotices() {
    ConsoleView view = view(Palette.plain());
    view.earlier("#dev", List.of(new ChatMessage(false, "bob", "old", at(9, 0), null, "1-1", null)), true);
    view.earlier("#dev", List.of(), false);
    assertEquals(
        """
        [12:00] -!- earlier in #dev: 1 message
        [09:00] bob: old
        [12:00] -!- end of the earlier messages; /history or PageUp shows more
        [12:00] -!- nothing earlier in #dev: that is all the server keeps
        """,
        lines());
  }

  @Test
  void searchHitsShowDateRoomSenderAndTheWordsMarkedWithAsterisksWithoutColor() {
    ChatMessage said = new ChatMessage(false, "alice", "deploy on friday\u001b[2J", at(9, 0), null, "1-1", null);
    view(Palette.plain()).found(new SearchHits("#dev", "deploy friday", List.of(
        new SearchHits.Hit("#dev", said, List.of(new SearchHits.Mark(0, 6), new SearchHits.Mark(10, 16))))));
    view(Palette.plain()).found(new SearchHits("#dev", "nothing", List.of()));
    assertEquals(
        """
        [12:00] -!- found for "deploy friday" in #dev, best first:
        [26 Nov 2026 09:00] [#dev] alice: *deploy* on *friday*^[[2J
        [12:00] -!- nothing found for "nothing" in #dev
        """,
        lines());
  }

  @Test
  void aFullAnswerSaysMoreMayMatch() {
    ChatMessage said = new ChatMessage(false, "alice", "deploy", at(9, 0), null, "1-1", null);
    List<SearchHits.Hit> full = Collections.nCopies(Wire.DEFAULT_SEARCH_HITS, new SearchHits.Hit("#dev", said, List.of()));
    view(Palette.plain()).found(new SearchHits("#dev", "deploy", full));
    assertTrue(lines().endsWith("-!- the best 20 shown; more may hold those words: add a word to narrow the search\n"), lines());
    view(Palette.plain()).found(new SearchHits("#dev", "deploy", full.subList(1, full.size())));
    assertEquals(1, lines().split("more may hold", -1).length - 1, lines());
  }

  @Test
  void searchHitsHighlightTheWordsInColor() {
    ChatMessage said = new ChatMessage(false, "alice", "deploy now", at(9, 0), null, "1-1", null);
    view(Palette.colored(256)).found(new SearchHits("#dev", "deploy", List.of(new SearchHits.Hit("#dev", said, List.of(new SearchHits.Mark(0, 6))))));
    assertTrue(lines().contains("alice: \u001b[7;1mdeploy\u001b[0m now"), lines());
    assertFalse(lines().contains("*deploy*"), lines());
  }

  @Test
  void historyIsDimmedWhenColored() {
    view(Palette.colored(256)).history(new ChatMessage(false, "bob", "old", at(9, 0), null, "1-1", null), false);
    assertTrue(lines().startsWith("\u001b[2m[09:00] bob: old"), lines());
  }

  @Test
  void aMessageFromAServerWithoutAddressesLeavesItOut() {
    view(Palette.plain()).message(new ChatMessage("bob", "hi", at(9, 5), null), false);
    assertEquals("[09:05] bob: hi\n", lines());
  }

  @Test
  void everyNoticeHasItsTimeAndConnectionStatesArePlainWords() {
    ConsoleView view = view(Palette.plain());
    view.connecting(java.net.URI.create("ws://127.0.0.1:8080"));
    view.connected("alice", "", false, false);
    view.connected("alice-2", "alice is taken", false, false);
    view.connectionLost("server shutting down");
    view.connectionLost("");
    view.reconnecting(Duration.ofMillis(400), 1, "", Optional.of(Duration.ZERO));
    view.reconnecting(Duration.ofMillis(900), 2, "connection refused", Optional.of(Duration.ofSeconds(1)));
    view.reconnecting(Duration.ofMillis(2000), 3, "connection refused", Optional.of(Duration.ofSeconds(2)));
    view.reconnecting(Duration.ofMillis(4000), 4, "wrong or missing password", Optional.of(Duration.ofSeconds(5)));
    view.connected("alice", "", true, false);
    view.connected("alice", "", true, true);
    view.sessionExpired();
    assertEquals(
        """
        [12:00] -!- connecting to ws://127.0.0.1:8080
        [12:00] -!- connected as alice
        [12:00] -!- connected as alice-2 (alice is taken)
        [12:00] -!- connection lost: server shutting down
        [12:00] -!- connection lost
        [12:00] -!- reconnecting in 0.4 s (attempt 1)
        [12:00] -!- cannot reconnect: connection refused; still trying
        [12:00] -!- cannot reconnect: wrong or missing password; still trying
        [12:00] -!- reconnected as alice
        [12:00] -!- reconnected as alice (a new session: the server no longer knew the old one)
        [12:00] -!- your session had expired: you were away longer than the server holds one for (its --resume-window)
        """,
        lines());
  }

  @Test
  void aSessionThatNeverJoinedSaysWhyOnceAndLostNothing() {
    ConsoleView view = view(Palette.plain());
    String turnedAway = "the server cannot take you in just now (the server's store is out of reach)";
    for (int attempt = 1; attempt <= 12; attempt++) {
      view.reconnecting(Duration.ofSeconds(attempt), attempt, turnedAway, Optional.empty());
    }
    view.reconnecting(Duration.ofSeconds(15), 13, "connection refused", Optional.empty());
    view.connected("walt", "", false, false);
    assertEquals(
        """
        [12:00] -!- the server cannot take you in just now (the server's store is out of reach); trying again
        [12:00] -!- cannot join: connection refused; still trying
        [12:00] -!- connected as walt
        """,
        lines());
  }

  @Test
  void aNewDayGetsALineOfItsOwn() {
    ConsoleView view = view(Palette.plain());
    view.message(new ChatMessage("bob", "late", instant(23, 59).toEpochMilli(), null), false);
    view.message(new ChatMessage("bob", "early", instant(23, 59).plus(Duration.ofMinutes(2)).toEpochMilli(), null), false);
    assertEquals(
        """
        [23:59] bob: late
        --- Friday 27 November 2026 ---
        [00:01] bob: early
        """,
        lines());
  }

  @Test
  void textOfSeveralLinesGivesEachLineItsTime() {
    view(Palette.plain()).info("commands:\n  /users");
    assertEquals("[12:00] -!- commands:\n[12:00] -!-   /users\n", lines());
  }

  @Test
  void aMentionOfYourNameIsMarkedAndRingsTheBell() {
    StringBuilder bells = new StringBuilder();
    Output output =
        new Output() {
          @Override
          public void println(org.jline.utils.AttributedString line) {
            out.write(line.toAnsi() + "\n");
          }

          @Override
          public void bell() {
            bells.append('!');
          }
        };
    ConsoleView view = new ConsoleView(new ChatLines(Palette.colored(256), AT_NOON), output);
    view.connected("alice", "", false, false);
    view.message(new ChatMessage("bob", "hi Alice, and malice", at(14, 2), null), false);
    view.message(new ChatMessage("bob", "nothing for you", at(14, 3), null), false);
    assertEquals("!", bells.toString());
    String mentioned = lines().split("\n")[1];
    assertTrue(mentioned.contains("\u001b[7;1mAlice\u001b[0m"), visible(mentioned));
    assertTrue(mentioned.endsWith(", and malice"), visible(mentioned));
  }

  @Test
  void usersJoinsLeavesAndServerErrors() {
    ConsoleView view = view(Palette.plain());
    view.users(List.of("alice", "bob"));
    view.joined("carol");
    view.left("bob");
    view.serverError(new ErrorReply("message-too-long", "a message is at most 4000 characters"));
    assertEquals(
        """
        [12:00] -!- online (2): alice, bob
        [12:00] -!- carol joined
        [12:00] -!- bob left
        [12:00] -!- server: a message is at most 4000 characters
        """,
        lines());
  }

  @Test
  void whatOthersControlCannotReachTheTerminalRaw() {
    ConsoleView view = view(Palette.plain());
    view.message(
        new ChatMessage("eve\u001b]0;owned\u0007", "\u001b[2J\u202Egnp.exe\nfake line", at(1, 0), "x\u0000"),
        false);
    view.joined("\u001b[31mred");
    view.connectionLost("bye\u001b[H");
    assertEquals(
        "[01:00] eve^[]0;owned^G (x^@): ^[[2J\\u202Egnp.exe^Jfake line\n"
            + "[12:00] -!- ^[[31mred joined\n"
            + "[12:00] -!- connection lost: bye^[[H\n",
        lines());
  }

  @Test
  void aNameFromAServerThatLetItHoldAHashCannotPassForALineFromAnotherRoom() {
    ConsoleView view = view(Palette.plain());
    view.message(new ChatMessage("[#ops] alice", "deploy FAILED, roll back now", at(10, 23), "10.0.0.9:5555"), false);
    assertEquals("[10:23] [\\u0023ops] alice (10.0.0.9:5555): deploy FAILED, roll back now\n", lines());
  }

  @Test
  void aNameFromAServerThatLetItHoldParenthesesOrColonsCannotPassForANameAndAnAddress() {
    ConsoleView view = view(Palette.plain());
    view.message(new ChatMessage("bob (127.0.0.1:43420)", "I resign", at(10, 23), "10.0.0.9:5555"), false);
    view.history(new ChatMessage(false, "bob: I resign", "!", at(10, 24), null, "1-1", null), false);
    view.privateMessage(new PrivateChat("bob\uFF1A hi", "alice", "psst", at(10, 25), "1-2", null), false);
    assertEquals(
        "[10:23] bob \\u0028127.0.0.1\\u003A43420\\u0029 (10.0.0.9:5555): I resign\n"
            + "[10:24] bob\\u003A I resign: !\n"
            + "[10:25] bob\\uFF1A hi -> alice (private): psst\n",
        lines());
  }

  @Test
  void inColorEachSenderHasAStableColorOwnNamesAreBoldAndNoticesGray() {
    Palette palette = Palette.colored(16);
    ConsoleView view = view(palette);
    view.message(new ChatMessage("bob", "hi", at(14, 2), null), false);
    view.message(new ChatMessage("alice", "hello", at(14, 3), null), true);
    view.joined("carol");
    String[] shown = lines().split("\n");

    int sgr = 30 + palette.colorOf("bob");
    assertTrue(shown[0].contains("\u001b[" + sgr + "mbob\u001b[0m"), visible(shown[0]));
    assertTrue(shown[1].contains("\u001b[1malice\u001b[0m"), "own name in bold: " + visible(shown[1]));
    assertTrue(shown[2].contains("\u001b[90m-!- carol joined"), "notices in gray: " + visible(shown[2]));
    assertEquals(palette.colorOf("bob"), palette.colorOf("BOB"));
    assertNotEquals(palette.colorOf("bob"), palette.colorOf("alice"));
  }

  @Test
  void withTwoHundredAndFiftySixColorsNamesGetTheFinerPaletteAndNoBrightTwins() {
    Palette palette = Palette.colored(256);
    ConsoleView view = view(palette);
    view.message(new ChatMessage("bob", "hi", at(14, 2), null), false);
    assertTrue(lines().contains("\u001b[38;5;" + palette.colorOf("bob") + "mbob"), visible(lines()));
    for (String name : List.of("alice", "bob", "carol", "dave", "erin", "frank")) {
      assertTrue(Palette.colored(16).colorOf(name) < 8, "no bright twin for " + name);
    }
  }

  private static String visible(String line) {
    return line.replace("\u001b", "ESC");
  }

  @Test
  void withoutColorThereIsNoEscapeSequenceAtAll() {
    ConsoleView view = view(Palette.plain());
    view.message(new ChatMessage("bob", "hi", at(14, 2), null), false);
    view.message(new ChatMessage("alice", "hello", at(14, 3), null), true);
    view.joined("carol");
    assertTrue(!lines().contains("\u001b"), lines());
  }
}
