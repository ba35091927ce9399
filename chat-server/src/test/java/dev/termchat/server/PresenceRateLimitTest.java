package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Nick;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rates of renames and joins on real connections, with loopback limited as a remote network
 * would be; their arithmetic, on a clock the test moves, is in the room's PresenceRatesTest.
 */
class PresenceRateLimitTest {
  /** Still: however slow the machine, no minute passes to let one more join or rename in. */
  private final MovingClock clock = new MovingClock(Instant.parse("2026-11-29T12:00:00Z"));

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(clock, config -> config.limitLoopback(true).joinRate(1, 2).renameRate(1, 1));

  @Test
  void aRegisterPastTheJoinRateIsToldWhyAndClosedWith1012ABaseClientJustClosed() throws Exception {
    register(chat.connect(), "first");
    register(chat.connect(), "second");
    WebSocketRecorder third = chat.connectExtended();
    third.nextFrame(Welcome.class);
    third.send(new Register("third"));
    ErrorReply refused = third.nextFrame(ErrorReply.class);
    assertEquals(ErrorCode.RATE_LIMITED.wireName(), refused.code());
    assertTrue(refused.reason().startsWith("too many joins from 127.0.0.0/24 lately"), refused.reason());
    third.nextClose(1012);

    WebSocketRecorder base = chat.connect();
    base.send(new Register("fourth"));
    String why = base.nextClose(1012).reason();
    assertTrue(why.startsWith("too many joins from 127.0.0.0/24 lately") && why.contains("try again in"), why);
  }

  @Test
  void aRenamePastTheRenameRateIsRefusedAndTheNameStays() throws Exception {
    WebSocketRecorder alice = chat.connectExtended();
    alice.nextFrame(Welcome.class);
    alice.send(new Register("alice"));
    alice.nextFrameAfterPresence(Register.class);
    alice.send(new Nick("alicia"));
    assertEquals("alicia", alice.nextFrameAfterPresence(Register.class).name());
    alice.send(new Nick("ally"));
    ErrorReply refused = alice.nextFrameAfterPresence(ErrorReply.class);
    assertEquals(ErrorCode.RATE_LIMITED.wireName(), refused.code());
    assertTrue(refused.reason().contains("your name is still alicia"), refused.reason());
  }
}
