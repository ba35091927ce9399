package dev.termchat.server;

import static dev.termchat.testing.Moderators.act;
import static dev.termchat.testing.Moderators.notice;
import static dev.termchat.testing.Moderators.roomsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.Join;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.Moderators;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The answer to a rooms client's join names who in the room has a rank, over real sockets:
 * {@code op=NAME} for its owner, its operators and server operators, {@code voice=NAME} for the
 * voiced, so that a client's /names marks them as IRC does.
 */
class JoinRanksTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.operators(List.of("root")));

  /** Joins the room and returns the server's answer. */
  private static Join join(WebSocketRecorder client, String room) throws InterruptedException {
    client.send(new Join(room));
    while (true) {
      Join answer = Moderators.next(client, Join.class);
      if (answer.room().equals(room)) {
        return answer;
      }
    }
  }

  @Test
  void theAnswerToAJoinNamesTheOwnerOperatorsAndVoicedMembersInTheRoom() throws Exception {
    WebSocketRecorder alice = roomsClient(chat, "alice", "#general");
    assertEquals(List.of("alice"), Options.values(join(alice, "#team").options(), Wire.OPTION_OP), "its maker owns it");

    WebSocketRecorder bob = roomsClient(chat, "bob", "#general");
    Join bobs = join(bob, "#team");
    assertEquals(List.of("alice"), Options.values(bobs.options(), Wire.OPTION_OP));
    assertEquals(List.of(), Options.values(bobs.options(), Wire.OPTION_VOICE));
    alice.send(act(ModerationAct.VOICE, "#team", "bob"));
    notice(alice, ModerationAct.VOICE);

    WebSocketRecorder root = roomsClient(chat, "root", "#general");
    join(root, "#team");
    WebSocketRecorder carol = roomsClient(chat, "carol", "#general");
    Join carols = join(carol, "#team");
    assertEquals(List.of("alice", "root"), Options.values(carols.options(), Wire.OPTION_OP).stream().sorted().toList());
    assertEquals(List.of("bob"), Options.values(carols.options(), Wire.OPTION_VOICE));
  }
}
