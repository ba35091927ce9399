package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.FrameCodec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When users lists go out while people come and go, on a clock the test moves. */
class UsersListTest {
  private final AtomicLong nanos = new AtomicLong();
  private final UserRegistry registry = new UserRegistry();
  private final Delivery delivery = new Delivery(new FrameCodec());
  private final UsersList users = new UsersList(registry, delivery, nanos::get);

  @Test
  void listsToEveryoneTogetherTakeNoMoreThanTheirBytesASecondHoweverFastPeopleComeAndGo() throws Exception {
    int room = 500;
    String padding = "x".repeat(30);
    FakeMember first = null;
    for (int i = 0; i < room; i++) {
      FakeMember member = FakeMember.baseClient();
      first = first == null ? member : first;
      delivery.attach(member);
      users.joined(registry.claim(member.who(), padding + i, member.address(), Dialect.BASE, 0));
    }
    users.sendIfChanged();
    String list = first.nextText();
    assertTrue(list.startsWith("{\"messageType\":\"users\""), list);
    long listBytes = list.length() + 4L; // ASCII, and the frame's header
    long fanOut = listBytes * room;
    Duration budgeted = Duration.ofNanos(fanOut * 1_000_000_000L / UsersList.FAN_OUT_BYTES_PER_SECOND);
    assertTrue(budgeted.toMillis() > 200, "a room that costs more than the per-client pace: " + budgeted);

    users.left(registry.release(first.who()).name());
    long wait = users.nanosUntilDue();
    assertTrue(wait > budgeted.toNanos() * 9 / 10, "the next list waits " + Duration.ofNanos(wait) + ", not " + budgeted);
    nanos.addAndGet(wait);
    assertEquals(0, users.nanosUntilDue());
  }
}
