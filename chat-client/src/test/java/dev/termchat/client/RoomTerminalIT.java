package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.testing.ChatFixture;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a member sees of a room, in a real terminal (tmux): the list shown on joining a room marks
 * ranks as /names does; a kick reads as a removal, not as a leave; a server ban ends the client
 * with one clean line of its own.
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

  @Test
  void aKickedMemberIsToldTheyAreNoLongerInTheRoomAndAServerBanEndsOnACleanLine() throws Exception {
    try (Tmux root = TerminalIT.client("root", chat.uri(), TERM);
        Tmux carol = TerminalIT.client("carol", chat.uri(), TERM)) {
      TerminalIT.awaitPrompt(root, "-!- connected as root");
      join(root, "#team");
      TerminalIT.awaitPrompt(carol, "-!- connected as carol");
      join(carol, "#team");
      carol.awaitScreen(screen -> screen.contains("-!- in #team (2): "));

      root.type("/kick carol enough");
      root.press("Enter");
      String kicked = carol.awaitScreen(screen -> screen.contains("-!- you are no longer in #team"));
      assertTrue(kicked.contains("-!- root kicked carol from #team: enough"), kicked);
      assertFalse(kicked.contains("you left #team"), kicked);

      root.type("/serverban carol 1h trolling");
      root.press("Enter");
      String banned = carol.awaitScreen(screen -> screen.contains("EXIT=4"));
      List<String> lines = Arrays.stream(banned.split("\n")).map(String::strip).toList();
      assertTrue(lines.contains("error: banned by root: trolling"), banned);
      assertFalse(banned.contains("Exception"), banned);
    }
  }

  private static void join(Tmux client, String room) throws Exception {
    client.type("/join " + room);
    client.press("Enter");
    client.awaitScreen(screen -> screen.contains("-!- you joined " + room));
  }
}
