package dev.termchat.server.room;

import dev.termchat.testing.MovingClock;
import java.time.Instant;

/** A clock a test moves on by hand: the room's tests' name for {@link MovingClock}. */
final class MutableClock extends MovingClock {
  MutableClock(Instant start) {
    super(start);
  }
}
