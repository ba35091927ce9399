package dev.termchat.server.room;

import dev.termchat.server.wire.OutgoingFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.room.BaseHold.Held;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which bound ends a hold of messages for base clients, as the log says it, on a clock the test moves. */
class BaseHoldTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final BaseHold hold = new BaseHold(nanos::get);

  private static Held message(int chars) {
    return new Held(OutgoingFrame.forBroadcast("x".repeat(chars)), "newcomer", List.of(), true);
  }

  @Test
  void fourMiBHeldIsTheBytesBoundNotTheTenSeconds() {
    for (int i = 0; i < 4; i++) {
      hold.add(message(1024 * 1024));
    }
    assertTrue(hold.overdue());
    assertEquals(Optional.of("4 MiB"), hold.boundPassed());
  }

  @Test
  void aMessageHeldTenSecondsIsTheTimeBound() {
    hold.add(message(10));
    assertEquals(Optional.empty(), hold.boundPassed(), "within both bounds");
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(BaseHold.MAX_HOLD_SECONDS));
    assertTrue(hold.overdue());
    assertEquals(Optional.of("10 s"), hold.boundPassed());
  }
}
