package dev.termchat.server;

import static dev.termchat.testing.Moderators.act;
import static dev.termchat.testing.Moderators.error;
import static dev.termchat.testing.Moderators.next;
import static dev.termchat.testing.Moderators.notice;
import static dev.termchat.testing.Moderators.roomsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.BanList;
import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Whois;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Moderation's questions over real sockets: a room's bans to its operators, the server's to its operators, and whois to anyone. */
class ModerationQuestionsTest {
  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T08:00:00Z"));

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(clock, config -> config.operators(List.of("root")));

  @Test
  void aRoomsBansAreShownToItsOperatorsAndTheServersToServerOperatorsAlone() throws Exception {
    WebSocketRecorder ann = roomsClient(chat, "ann", "#dev");
    WebSocketRecorder carol = roomsClient(chat, "carol", "#dev");
    WebSocketRecorder root = roomsClient(chat, "root", "#dev");
    ann.send(new Moderate(ModerationAct.BAN, "#dev", "mallory", 3600, "spam", false));
    notice(ann, ModerationAct.BAN);
    root.send(new Moderate(ModerationAct.BAN, "#dev", "203.0.113.0/24", 0, "", true));
    notice(ann, ModerationAct.BAN);

    ann.send(act(ModerationAct.BANLIST, "#dev", null));
    BanList list = next(ann, BanList.class);
    assertEquals("#dev", list.room());
    assertEquals(List.of(new BanList.Entry("mallory", "ann", "spam", clock.millis() + 3_600_000)), list.bans());
    assertEquals("mallory, by ann until 2026-12-07 09:00 UTC: spam", list.bans().get(0).described());

    carol.send(act(ModerationAct.BANLIST, "#dev", null));
    error(carol, "not-permitted");
    ann.send(new Moderate(ModerationAct.BANLIST, "#dev", null, 0, "", true));
    error(ann, "not-permitted");
    root.send(new Moderate(ModerationAct.BANLIST, "#dev", null, 0, "", true));
    BanList server = next(root, BanList.class);
    assertEquals(List.of(new BanList.Entry("203.0.113.0/24", "root", "", 0)), server.bans());
    assertEquals(true, server.server());

    clock.advance(Duration.ofHours(2));
    carol.send(new SendMessage("two hours on", "c1", "#dev")); // the log's time moves with its next entry
    next(ann, ChatMessage.class);
    ann.send(act(ModerationAct.BANLIST, "#dev", null));
    assertEquals(List.of(), next(ann, BanList.class).bans(), "a ban that ran out is none");
  }

  @Test
  void whoisSaysGuestOrAccountTheRoleInTheRoomAndSinceWhen() throws Exception {
    WebSocketRecorder ann = roomsClient(chat, "ann", "#dev");
    long annSince = clock.millis();
    clock.advance(Duration.ofMinutes(5));
    WebSocketRecorder bob = roomsClient(chat, "bob", "#dev");
    bob.send(act(ModerationAct.WHOIS, "#dev", "ANN"));
    Whois whois = next(bob, Whois.class);
    assertEquals(new Whois("ann", "#dev", false, "owner", annSince), whois);
    assertEquals("ann: a guest (no account), the owner of #dev, online since 2026-12-07 08:00 UTC", whois.described());
    ann.send(act(ModerationAct.OP, "#dev", "bob"));
    notice(bob, ModerationAct.OP);
    ann.send(act(ModerationAct.WHOIS, "#dev", "bob"));
    assertEquals("operator", next(ann, Whois.class).rank());
    bob.send(act(ModerationAct.WHOIS, "#dev", "nobody"));
    error(bob, "unknown-user");
  }
}
