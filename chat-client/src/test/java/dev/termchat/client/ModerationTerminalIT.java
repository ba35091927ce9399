package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.Register;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The moderation commands typed in the client jar, in a real terminal (tmux), against a server
 * whose operator is root: a kick closes a base client, a ban keeps a name out, and each act is
 * told on the operator's screen.
 */
class ModerationTerminalIT {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.operators(List.of("root")));

  @Test
  void anOperatorKicksAndBansFromTheTerminal() throws Exception {
    WebSocketRecorder dave = chat.connect();
    register(dave, "dave");
    try (Tmux root = TerminalIT.client("root", chat.uri(), Map.of("TERM", "xterm-256color"))) {
      TerminalIT.awaitPrompt(root, "-!- connected as root");
      dave.nextUsersNaming("root");

      root.type("a line to take back");
      root.press("Enter");
      root.awaitScreen(screen -> screen.contains("): a line to take back")); // its echo, as the terminal shows it
      assertEquals("a line to take back", dave.nextMessage().message());
      root.type("/delete");
      root.press("Enter");
      String deleted = dave.nextMessage().message();
      assertTrue(deleted.startsWith("* root deleted their message said at ") && deleted.endsWith(" UTC in #general"), deleted);
      root.awaitScreen(screen -> screen.contains("-!- root deleted their message said at "));

      root.type("/kick dave flooding the room");
      root.press("Enter");
      assertEquals(Wire.CLOSE_KICKED, dave.nextCloseSkippingFrames().code());
      root.awaitScreen(screen -> screen.contains("root kicked dave from #general: flooding the room"));

      root.type("/ban mallory 2h spam");
      root.press("Enter");
      root.awaitScreen(screen -> screen.contains("root banned mallory from #general until ") && screen.contains(" UTC: spam"));
      WebSocketRecorder mallory = chat.connect();
      mallory.send(new Register("mallory"));
      assertEquals(Wire.CLOSE_BANNED, mallory.nextCloseSkippingFrames().code());

      root.type("/ban");
      root.press("Enter");
      root.awaitScreen(screen -> screen.contains("usage: /ban NAME|ADDRESS|RANGE [DURATION] [REASON]"));
      root.press("C-d");
      root.awaitScreen(text -> text.contains("EXIT=0"));
    }
  }
}
