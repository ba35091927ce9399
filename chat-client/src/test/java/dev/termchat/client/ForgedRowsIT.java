package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.SendAction;
import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client jar in a real terminal (tmux), sent messages that try to draw a row reading like a
 * line of its own ({@link #FORGED}): padded so that the terminal, wrapping where the client did
 * not, would put the rest at the left edge; and actions that try to read as the client's own
 * notices.
 */
class ForgedRowsIT {
  /** What a message padded to the terminal's edge would make the next row read. */
  private static final String FORGED = "[10:23] bob (127.0.0.1:43420): I resign";
  /** An emoji skin-tone modifier, which JLine counts as no column and tmux draws in two. */
  private static final String SKIN_TONE = "\uD83C\uDFFB";

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private Tmux client(String name, Map<String, String> environment) throws Exception {
    return TerminalIT.client(name, chat.uri(), environment);
  }

  /**
   * A message padded with spaces to the terminal's edge, so that the terminal's own wrapping put
   * what follows at the start of a row, where it read like a line of its own: in the dimmed
   * history, live, and without colors alike.
   */
  @Test
  void noMessageCanDrawARowThatLooksLikeTheStartOfAnother() throws Exception {
    WebSocketRecorder mallory = chat.connect();
    register(mallory, "mallory");
    // History rows read "[HH:MM] mallory: ", live ones "[HH:MM] mallory (127.0.0.1:PORT): ".
    mallory.send(paddedAfter("[00:00] mallory: "));
    mallory.nextMessage();
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color", "NO_COLOR", "1"))) {
      TerminalIT.awaitPrompt(alice, "connected as alice");
      String screen = forgeLive(mallory, alice, ForgedRowsIT::paddedAfter);
      assertEquals(2, TerminalIT.nonBlank(screen).stream().filter(row -> row.contains(FORGED)).count(), screen);
      alice.press("C-d");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
    }
  }

  /**
   * Padding that JLine counts narrower than the terminal draws it: the client took the row to
   * fit, and the terminal wrapped it.
   */
  @Test
  void noMessageCanPadARowWithCharactersTheTerminalDrawsWiderThanJLineCounts() throws Exception {
    WebSocketRecorder mallory = chat.connect();
    register(mallory, "mallory");
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color", "NO_COLOR", "1"))) {
      TerminalIT.awaitPrompt(alice, "connected as alice");
      forgeLive(mallory, alice, ForgedRowsIT::paddedWithSkinTones);
      alice.press("C-d");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
    }
  }

  /**
   * Trial a15: users named after a notice's first word, whose actions say the rest
   * ({@code connection} doing {@code /me lost: server shutting down}), in a terminal without
   * colors, where only the start of a row tells a notice from an action.
   */
  @Test
  void noActionCanPassForOneOfTheClientsOwnNotices() throws Exception {
    Map<String, String> forgeries =
        Map.of("connection", "lost: server shutting down", "you", "are now known as alice-2", "caught", "up: 3 messages you missed");
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color", "NO_COLOR", "1"))) {
      String connected = alice.awaitScreen(screen -> screen.contains("connected as alice"));
      String row = rowWith(connected, "connected as alice");
      String noticeStart = row.substring(Rows.INDENT, row.indexOf("connected as alice"));
      for (Map.Entry<String, String> forgery : forgeries.entrySet()) {
        WebSocketRecorder forger = chat.connectExtended();
        forger.nextText(); // its welcome
        ChatFixture.registerOnly(forger, forgery.getKey());
        forger.send(new SendAction(forgery.getValue(), null));
      }
      String screen = alice.awaitScreen(text -> forgeries.values().stream().allMatch(text::contains));
      for (String action : forgeries.values()) {
        assertFalse(rowWith(screen, action).substring(Rows.INDENT).startsWith(noticeStart), "an action that reads as a notice:\n" + screen);
      }
      alice.press("C-d");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
    }
  }

  private static String rowWith(String screen, String text) {
    return screen.lines().filter(row -> row.contains(text)).findFirst().orElseThrow(() -> new AssertionError("no row with " + text + ":\n" + screen));
  }

  @Test
  void withInputPipedTheLinesAPersonReadsAtTheTerminalAreWrappedAsWell() throws Exception {
    WebSocketRecorder mallory = chat.connect();
    register(mallory, "mallory");
    String command = "sleep 600 | " + TerminalIT.clientCommand("watcher", chat.uri());
    try (Tmux watcher = Tmux.start(command, Map.of("TERM", "xterm-256color"))) {
      watcher.awaitScreen(screen -> screen.contains("online (2)"));
      String screen = forgeLive(mallory, watcher, ForgedRowsIT::paddedAfter);
      assertTrue(screen.lines().anyMatch(row -> row.contains(FORGED)), screen);
    }
  }

  /** A message with {@link #FORGED} after enough spaces to fill the row this prefix starts. */
  private static SendMessage paddedAfter(String prefix) {
    return new SendMessage(" ".repeat(Tmux.WIDTH - prefix.length()) + FORGED);
  }

  /** The same, padded with skin-tone modifiers, each two columns on the terminal. */
  private static SendMessage paddedWithSkinTones(String prefix) {
    int room = Tmux.WIDTH - prefix.length();
    return new SendMessage(" ".repeat(room % 2) + SKIN_TONE.repeat(room / 2) + FORGED);
  }

  /**
   * Mallory says a message padded after her live prefix, then a last one; returns the screen
   * once that shows, having checked that no row passes for bob's line.
   */
  private static String forgeLive(WebSocketRecorder mallory, Tmux reader, Function<String, SendMessage> padded) {
    String address = "127.0.0.1:" + mallory.getLocalSocketAddress().getPort();
    mallory.send(padded.apply("[00:00] mallory (" + address + "): "));
    mallory.send(new SendMessage("the end"));
    String screen = reader.awaitScreen(text -> text.contains("mallory (" + address + "): the end"));
    assertTrue(screen.lines().noneMatch(row -> row.startsWith("[10:23] bob")), "a row that passes for bob's line:\n" + screen);
    return screen;
  }
}
