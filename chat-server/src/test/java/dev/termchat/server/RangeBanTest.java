package dev.termchat.server;

import static dev.termchat.testing.Moderators.act;
import static dev.termchat.testing.Moderators.next;
import static dev.termchat.testing.Moderators.notice;
import static dev.termchat.testing.Moderators.roomsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.AccountReply;
import dev.termchat.protocol.AccountRequest;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.Moderation;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Part;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A room's ban of an address or a range, over real sockets (every client here is on loopback):
 * it takes out those it holds who do not run the room, each told to the room as a kick, and
 * leaves the room's owner and operators in, and lets them back in (trial 21: a /ban of
 * 127.0.0.0/24 took out an operator of the room with everyone else, and told no one whom).
 */
class RangeBanTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config);

  @Test
  void itSparesWhoeverRunsTheRoomAndTellsWhomItTookOut() throws Exception {
    WebSocketRecorder ann = roomsClient(chat, "ann", "#team");
    WebSocketRecorder carol = roomsClient(chat, "carol", "#team");
    carol.send(AccountRequest.register(AccountsTest.PASSWORD)); // An account's role outlives its part.
    next(carol, AccountReply.class);
    WebSocketRecorder dave = roomsClient(chat, "dave", "#team");
    ann.send(act(ModerationAct.OP, "#team", "carol"));
    notice(ann, ModerationAct.OP);

    ann.send(new Moderate(ModerationAct.BAN, "#team", "127.0.0.0/8", 600, "spam from there", false));
    assertEquals("127.0.0.0/8", notice(ann, ModerationAct.BAN).target());
    carol.send(new SendMessage("still here", "c1", "#team"));
    List<String> kicked = new ArrayList<>();
    while (true) {
      ServerFrame frame = ann.nextServerFrame();
      ServerFrame inner = frame instanceof InRoom inRoom ? inRoom.frame() : frame;
      if (inner instanceof Moderation kick && kick.act() == ModerationAct.KICK) {
        kicked.add(kick.target() + ": " + kick.reason());
      } else if (inner instanceof ChatMessage line && line.message().equals("still here")) {
        assertEquals("carol", line.from(), "an operator of the room stays in it");
        break;
      }
    }
    assertEquals(List.of("dave: within the ban on 127.0.0.0/8: spam from there"), kicked);

    carol.send(new Part("#team"));
    next(carol, Part.class);
    carol.send(new Join("#team"));
    assertEquals("#team", next(carol, Join.class).room(), "nor does the ban keep an operator (an account's role) out");
    dave.send(new Join("#team"));
    assertEquals("banned", next(dave, dev.termchat.protocol.ErrorReply.class).code());
  }
}
