package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server restarted with a password while the client is in, in a real terminal (tmux): the
 * client does not go on "still trying" for ever, it asks for the password, hidden, as at start,
 * and reconnects with it; the line half typed at the prompt is still there after.
 */
class ServerPasswordTerminalIT {
  @Test
  void aServerBackWithAPasswordIsAskedForItHiddenAndTheClientGoesOn() throws Exception {
    ChatServer open = ChatServer.start(ServerConfig.builder().port(0).build());
    int port = open.port();
    try (Tmux carol = TerminalIT.client("carol", open.uri(), Map.of("TERM", "xterm-256color"))) {
      TerminalIT.awaitPrompt(carol, "-!- connected as carol");
      carol.type("half typed");
      carol.awaitScreen(screen -> screen.contains("> half typed"));
      open.close();
      try (ChatServer locked = ChatServer.start(ServerConfig.builder().port(port).password("sesame").build())) {
        carol.awaitScreen(screen -> screen.contains("the server now wants a password") && screen.contains("server password:"));
        carol.type("sesame");
        carol.press("Enter");
        String back = carol.awaitScreen(screen -> screen.contains("-!- reconnected as carol") && screen.contains("> half typed"));
        assertFalse(back.contains("sesame"), "typed hidden:\n" + back);
        assertFalse(back.contains("still trying"), back);
        assertTrue(locked.users().contains("carol"), locked.users().toString());
      }
    } finally {
      open.close();
    }
  }
}
