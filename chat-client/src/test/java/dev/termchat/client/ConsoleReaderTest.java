package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commands, with a session that never connected. */
class ConsoleReaderTest {
  private final StringWriter out = new StringWriter();
  private final ChatView view =
      new ConsoleView(
          new ChatLines(Palette.plain(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)),
          Output.plain(new PrintWriter(out), false));
  private final ChatSession offline =
      new ChatSession(
          new ConnectionSettings(
              URI.create("ws://127.0.0.1:1"), Duration.ofSeconds(1), Optional.empty(), Optional.empty()),
          true,
          "alice",
          view,
          new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), new Random(1)),
          Executors.newSingleThreadScheduledExecutor());

  @AfterEach
  void stopTheTimer() throws InterruptedException {
    offline.close(); // also stops its timer thread
  }

  private ConsoleReader reader(String input) {
    return new ConsoleReader(Input.plain(new BufferedReader(new StringReader(input))), offline, view);
  }

  private String lines() {
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void quitStopsReadingAndBlankLinesAreNotSent() {
    ConsoleReader reader = reader("");
    assertTrue(reader.handle(""));
    assertTrue(reader.handle("   "));
    assertFalse(reader.handle("/quit"));
    assertEquals("[00:00] -!- not sent: the line has nothing but spaces\n", lines());
  }

  @Test
  void aPasteOfSeveralLinesIsAMessageALineAndASlashInItIsText() throws InterruptedException {
    reader("").handle("first\n\n/not a command\nlast");
    // Offline, the three lines wait for a connection; the notice comes once.
    assertEquals("[00:00] -!- not connected yet: lines you type now are sent once connected\n", lines());
    assertEquals(3, offline.pendingLines());
  }

  @Test
  void anUnknownCommandGetsAHintAndIsNotSent() {
    assertTrue(reader("").handle("/dance now"));
    assertEquals("[00:00] -!- unknown command /dance; /help lists the commands\n", lines());
  }

  @Test
  void historyTakesACountFromOneToAThousandAndSearchTakesWords() {
    ConsoleReader reader = reader("");
    for (String bad : List.of("/history 0", "/history 1001", "/history ten", "/history -3")) {
      assertTrue(reader.handle(bad));
    }
    assertTrue(reader.handle("/search"));
    assertTrue(reader.handle("/search " + "w".repeat(201)));
    assertTrue(reader.handle("/history 1000"));
    assertTrue(reader.handle("/search deploy"));
    String usage = "[00:00] -!- usage: /history [N], N from 1 to 1000 (50 unless given); so does PageUp\n";
    assertEquals(
        usage.repeat(4)
            + "[00:00] -!- usage: /search WORDS, e.g. /search deploy friday\n"
            + "[00:00] -!- not searched: at most 200 characters\n"
            + "[00:00] -!- not connected; try again once reconnected\n".repeat(2),
        lines());
  }

  @Test
  void helpListsTheCommandsWithTheirMeaningsInOneColumn() {
    reader("").handle("/help");
    List<String> rows = lines().lines().toList();
    assertEquals("[00:00] -!- commands:", rows.get(0));
    assertTrue(lines().contains("/users") && lines().contains("/quit"), lines());
    assertEquals(1, rows.stream().skip(1).map(ConsoleReaderTest::meaningColumn).distinct().count(), lines());
  }

  /** Where the meaning starts in {@code [00:00] -!-   /msg NAME TEXT  a private message}. */
  static int meaningColumn(String row) {
    int command = "[00:00] -!-   ".length();
    java.util.regex.Matcher gap = java.util.regex.Pattern.compile("\\S  +(?=\\S)").matcher(row.substring(command));
    assertTrue(gap.find(), "no meaning in: " + row);
    return command + gap.end();
  }

  @Test
  void aLineOverTheMessageLimitIsNotSentAndSaysSo() {
    reader("").handle("x".repeat(4001));
    assertEquals("[00:00] -!- not sent: a message is at most 4000 characters; this one has 4001\n", lines());
  }

  @Test
  void linesWhileNotConnectedWaitForAConnectionAndSaySoOnce() {
    ConsoleReader reader = reader("");
    reader.handle("plain");
    reader.handle("another");
    assertEquals("[00:00] -!- not connected yet: lines you type now are sent once connected\n", lines());
  }

  @Test
  void endOfInputEndsTheReader() {
    reader("/USERS\n").run();
    assertEquals("[00:00] -!- not connected\n", lines());
  }

  @Test
  void aPrivateMessageFindsARecipientWhoseNameHasSpaces() {
    List<String> online = List.of("mary jane", "bob");
    assertEquals(new Addressee("mary jane", "hello there", List.of()), Addressee.of("Mary Jane hello there", online));
    assertEquals(new Addressee("bob", "hi", List.of()), Addressee.of("bob hi", online));
    assertEquals(new Addressee("carol", "hi", List.of()), Addressee.of("carol hi", online), "not online: the first word");
    assertEquals(new Addressee("carol", "", List.of()), Addressee.of("carol", online));
    assertEquals(new Addressee("mary", "jane hi", List.of()), Addressee.of("\"mary\" jane hi", online), "quoted, not online");
  }

  /** Trial a39: with bob online, whoever took the name "bob I" got bob's private messages. */
  @Test
  void aLineThatCouldBeForSeveralPeopleOnlineIsNotSentAndNamesThem() {
    List<String> online = List.of("bob", "bob I", "alice");
    Addressee hijacked = Addressee.of("bob I think the password is hunter2", online);
    assertTrue(hijacked.ambiguous(), hijacked.toString());
    assertEquals(List.of("bob", "bob I"), hijacked.candidates());
    assertEquals(
        "not sent: that could be for \"bob\" or \"bob I\"; put the name in quotes: /msg \"bob\" TEXT or /msg \"bob I\" TEXT",
        hijacked.whichOne());
    assertEquals(new Addressee("bob", "I think the password is hunter2", List.of()), Addressee.of("\"bob\" I think the password is hunter2", online));
    assertEquals(new Addressee("bob I", "think so", List.of()), Addressee.of("\"BOB I\" think so", online));
    assertEquals(new Addressee("bob", "is here", List.of()), Addressee.of("bob is here", online), "one name starts the line");
  }

  @Test
  void aQuotedNameMayHoldAQuoteYetCannotBeTakenForAnother() {
    List<String> online = List.of("a\" b", "a");
    assertEquals(new Addressee("a\" b", "hi", List.of()), Addressee.of("a\" b hi", online));
    assertEquals(List.of("a\" b", "a"), Addressee.of("\"a\" b\" hi", online).candidates());
  }

  @Test
  void aPrivateMessageWithoutTextGetsTheUsage() {
    assertTrue(reader("").handle("/msg bob"));
    assertEquals("[00:00] -!- usage: /msg NAME TEXT\n", lines());
  }
}
