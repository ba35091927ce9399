package dev.termchat.server;

import static dev.termchat.testing.Moderators.act;
import static dev.termchat.testing.Moderators.error;
import static dev.termchat.testing.Moderators.next;
import static dev.termchat.testing.Moderators.notice;
import static dev.termchat.testing.Moderators.roomsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Moderate;
import dev.termchat.protocol.Moderation;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What moderation says, over real sockets: a delete of no message kept is refused to its asker
 * alone, a delete done says whose message and when it was said, a server ban says it is the
 * server's, and a ban that keeps someone out says until when and why.
 */
class ModerationWordsTest {
  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T08:00:00Z"));

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(clock, config -> config.operators(List.of("root")));

  @Test
  void aDeleteOfNoMessageKeptIsRefusedToItsAskerAloneAndNothingIsDeleted() throws Exception {
    WebSocketRecorder ann = roomsClient(chat, "ann", "#dev");
    WebSocketRecorder bob = roomsClient(chat, "bob", "#dev");
    bob.send(new SendMessage("kept", "b1", "#dev"));
    String kept = next(ann, ChatMessage.class).id();
    next(bob, ChatMessage.class);
    for (String id : List.of("no-such-id", kept + "0")) {
      ann.send(act(ModerationAct.DELETE, "#dev", id));
      assertTrue(error(ann, "unknown-message").reason().contains("nothing deleted"));
    }
    bob.send(new SendMessage("after", "b2", "#dev"));
    while (true) { // bob is told of no delete before its next line
      ServerFrame frame = bob.nextServerFrame();
      ServerFrame inner = frame instanceof InRoom inRoom ? inRoom.frame() : frame;
      assertFalse(inner instanceof Moderation, inner.toString());
      if (inner instanceof ChatMessage message && message.message().equals("after")) {
        break;
      }
    }
    ann.send(act(ModerationAct.DELETE, "#dev", kept));
    Moderation deleted = notice(bob, ModerationAct.DELETE);
    assertEquals(List.of(kept, "bob", clock.millis()), List.of(deleted.target(), deleted.from(), deleted.said()));
    assertEquals("deleted bob's message said at 2026-12-07 08:00:00 UTC in #dev", deleted.described());
  }

  @Test
  void aServerBanIsToldAsTheServersAndABannedJoinSaysUntilWhenAndWhy() throws Exception {
    WebSocketRecorder root = roomsClient(chat, "root", "#general");
    WebSocketRecorder bob = roomsClient(chat, "bob", "#general");
    root.send(new Moderate(ModerationAct.BAN, "#general", "mallory", 3600, "spam", true));
    Moderation ban = notice(bob, ModerationAct.BAN);
    assertTrue(ban.server());
    assertEquals("banned mallory from the server until 2026-12-07 09:00 UTC: spam", ban.described());

    WebSocketRecorder ann = roomsClient(chat, "ann", "#dev");
    ann.send(new Moderate(ModerationAct.BAN, "#dev", "bob", 7200, "off topic", false));
    assertEquals("banned bob from #dev until 2026-12-07 10:00 UTC: off topic", notice(ann, ModerationAct.BAN).described());
    bob.send(new Join("#dev"));
    assertEquals("you are banned from #dev until 2026-12-07 10:00 UTC: off topic", error(bob, "banned").reason());
  }

  @Test
  void anOperatorDeletesSomeonesLatestLineByTheirNameWithoutSeeingIds() throws Exception {
    WebSocketRecorder ann = roomsClient(chat, "ann", "#dev");
    WebSocketRecorder bob = roomsClient(chat, "bob", "#dev");
    bob.send(new SendMessage("first", "b1", "#dev"));
    String first = next(ann, ChatMessage.class).id();
    bob.send(new SendMessage("spam", "b2", "#dev"));
    String spam = next(ann, ChatMessage.class).id();
    ann.send(new SendMessage("mine", "a1", "#dev"));
    next(ann, ChatMessage.class);

    ann.send(act(ModerationAct.DELETE, "#dev", "@BOB"));
    assertEquals(spam, notice(bob, ModerationAct.DELETE).target());
    ann.send(act(ModerationAct.DELETE, "#dev", "@bob"));
    assertEquals(first, notice(bob, ModerationAct.DELETE).target());
    ann.send(act(ModerationAct.DELETE, "#dev", "@bob"));
    error(ann, "unknown-message");
  }
}
