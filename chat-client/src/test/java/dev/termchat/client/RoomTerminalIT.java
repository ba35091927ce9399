package dev.termchat.client;

import dev.termchat.testing.ChatFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a member sees of a room, in a real terminal (tmux): the list shown on joining a room marks
 * ranks as /names does.
 */
class RoomTerminalIT {
  private static final Map<String, String> TERM = Map.of("TERM", "xterm-256color");

  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.operators(List.of("root")));

  @Test
  void theListShownOnJoiningARoomMarksItsOperators() throws Exception {
    try (Tmux root = TerminalIT.client("root", chat.uri(), TERM);
        Tmux carol = TerminalIT.client("carol", chat.uri(), TERM)) {
      TerminalIT.awaitPrompt(root, "-!- connected as root");
      join(root, "#team");
      TerminalIT.awaitPrompt(carol, "-!- connected as carol");
      join(carol, "#team");
      carol.awaitScreen(screen -> screen.contains("-!- in #team (2): @root, carol"));
    }
  }

  private static void join(Tmux client, String room) throws Exception {
    client.type("/join " + room);
    client.press("Enter");
    client.awaitScreen(screen -> screen.contains("-!- you joined " + room));
  }
}
