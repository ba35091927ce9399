package dev.termchat.server;

import static dev.termchat.testing.Moderators.act;
import static dev.termchat.testing.Moderators.error;
import static dev.termchat.testing.Moderators.notice;
import static dev.termchat.testing.Moderators.roomsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.Join;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a ban reaches over real sockets: the look-alikes of a banned name, in a room and on the server. */
class BanReachTest {
  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T08:00:00Z"));

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(clock, config -> config.operators(List.of("root")));

  @Test
  void aServerBanOfANameKeepsOutItsLookAlikesThatNamesTellApart() throws Exception {
    WebSocketRecorder root = roomsClient(chat, "root", "#general");
    root.send(new Moderate(ModerationAct.BAN, "#general", "bob", 0, "", true));
    notice(root, ModerationAct.BAN);
    for (String lookAlike : List.of("\u0185ob", "bob\u0301")) {
      WebSocketRecorder client = chat.connectExtended();
      client.nextFrame(Welcome.class);
      client.send(new Register(lookAlike));
      error(client, "banned");
      assertEquals(Wire.CLOSE_BANNED, client.nextCloseSkippingFrames().code(), lookAlike);
    }
  }

  @Test
  void aRoomBanOfANameKeepsItsLookAlikesOutOfTheRoom() throws Exception {
    WebSocketRecorder ann = roomsClient(chat, "ann", "#dev");
    ann.send(act(ModerationAct.BAN, "#dev", "bob"));
    notice(ann, ModerationAct.BAN);
    WebSocketRecorder lookAlike = roomsClient(chat, "\u0185ob", "#general");
    lookAlike.send(new Join("#dev"));
    error(lookAlike, "banned");
  }
}
