package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorReply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleViewTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  private final StringWriter out = new StringWriter();
  private final ConsoleView view = new ConsoleView(new PrintWriter(out), ZONE);

  private static long at(int hour, int minute) {
    return LocalDateTime.of(2026, 11, 26, hour, minute).atZone(ZONE).toInstant().toEpochMilli();
  }

  private String lines() {
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void aMessageShowsLocalTimeSenderAndAddress() {
    view.message(new ChatMessage("alice", "hello", at(14, 2), "127.0.0.1:49123"), false);
    assertEquals("[14:02] alice (127.0.0.1:49123): hello\n", lines());
  }

  @Test
  void aMessageFromAServerWithoutAddressesLeavesItOut() {
    view.message(new ChatMessage("bob", "hi", at(9, 5), null), false);
    assertEquals("[09:05] bob: hi\n", lines());
  }

  @Test
  void connectionStatesInPlainWords() {
    view.connected("alice", "alice", false);
    view.connected("alice-2", "alice", false);
    view.connectionLost("server shutting down");
    view.connectionLost("");
    view.reconnecting(Duration.ofMillis(2000), 3);
    view.connected("alice", "alice", true);
    assertEquals(
        """
        * connected as alice
        * connected as alice-2 (asked for alice)
        * connection lost: server shutting down
        * connection lost
        * reconnecting in 2.0 s (attempt 3)
        * reconnected as alice
        """,
        lines());
  }

  @Test
  void usersAndServerErrors() {
    view.usersChanged(List.of("alice", "bob"));
    view.serverError(new ErrorReply("too-long", "a message is at most 4000 characters"));
    assertEquals(
        "* online (2): alice, bob\n* server: a message is at most 4000 characters\n", lines());
  }

  @Test
  void whatOthersControlCannotReachTheTerminalRaw() {
    view.message(
        new ChatMessage("eve\u001b]0;owned\u0007", "\u001b[2J\u202Egnp.exe\nfake line", at(1, 0), "x\u0000"),
        false);
    view.usersChanged(List.of("\u001b[31mred"));
    view.connectionLost("bye\u001b[H");
    assertEquals(
        "[01:00] eve^[]0;owned^G (x^@): ^[[2J\\u202Egnp.exe^Jfake line\n"
            + "* online (1): ^[[31mred\n"
            + "* connection lost: bye^[[H\n",
        lines());
  }
}
