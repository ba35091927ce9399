package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.edge.Outbound.Added;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-client queue, on a transport that takes a set number of bytes per write. */
class OutboundTest {
  /** A socket stand-in: takes up to {@code room} bytes per call, counts the calls. */
  private static final class Socket implements Transport {
    final ByteArrayOutputStream taken = new ByteArrayOutputStream();
    int room = Integer.MAX_VALUE;
    /** What each next call takes, before {@code room} does again. */
    final ArrayDeque<Integer> rooms = new ArrayDeque<>();
    int calls;

    @Override
    public int write(ByteBuffer source) {
      calls++;
      int takes = rooms.isEmpty() ? room : rooms.poll();
      int written = 0;
      while (source.hasRemaining() && written < takes) {
        taken.write(source.get());
        written++;
      }
      return written;
    }

    @Override
    public SocketChannel socket() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(ByteBuffer destination) {
      return 0;
    }

    @Override
    public boolean hasBufferedInput() {
      return false;
    }

    @Override
    public boolean hasPendingOutput() {
      return false;
    }

    @Override
    public void writePending() {}

    @Override
    public boolean writableFromAnyThread() {
      return true;
    }

    @Override
    public void shutdownOutput() {}

    @Override
    public void close() {}

    String text() {
      return taken.toString(StandardCharsets.US_ASCII);
    }
  }

  private static ByteBuffer frame(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static final int OVERHEAD = Outbound.FRAME_OVERHEAD;

  /** A queue's part of a budget without limits. */
  private static QueueBudget.Share unlimited() {
    return new QueueBudget(Long.MAX_VALUE, Long.MAX_VALUE).open(InetAddress.getLoopbackAddress(), false, (held, full) -> {});
  }
  private static final Duration GRACE = Duration.ofSeconds(3);
  /** The test's clock, in nanoseconds. */
  private final AtomicLong now = new AtomicLong();
  private final Outbound outbound = new Outbound(100 + 2 * OVERHEAD, 400 + 4 * OVERHEAD, GRACE, now::get, unlimited());
  private final Socket socket = new Socket();

  @Test
  void everythingQueuedGoesOutInOrderInOneWrite() throws Exception {
    assertEquals(Added.FIRST, outbound.add(frame("a"), false), "the first frame asks for a write");
    assertEquals(Added.QUEUED, outbound.add(frame("b"), false));
    assertEquals(Added.QUEUED, outbound.add(frame("c"), false));
    assertEquals(3, outbound.bytes());

    assertTrue(outbound.writeTo(socket));
    assertEquals("abc", socket.text());
    assertEquals(1, socket.calls);
    assertTrue(outbound.isEmpty());
    assertEquals(0, outbound.bytes());
  }

  @Test
  void aFullSocketLeavesTheRestQueuedAndSaysSo() throws Exception {
    outbound.add(frame("hello"), false);
    outbound.add(frame("world"), false);
    socket.room = 7;
    assertFalse(outbound.writeTo(socket));
    assertTrue(outbound.blocked());
    assertEquals(3, outbound.bytes());

    socket.room = Integer.MAX_VALUE;
    assertTrue(outbound.writeTo(socket));
    assertFalse(outbound.blocked());
    assertEquals("helloworld", socket.text());
  }

  @Test
  void aFrameSharedByTwoQueuesGoesOutWholeFromEachWhateverEachSocketTakes() throws Exception {
    ByteBuffer shared = frame("shared by both");
    Outbound other = new Outbound(Long.MAX_VALUE, Long.MAX_VALUE, GRACE, now::get, unlimited());
    Socket otherSocket = new Socket();
    outbound.add(shared, false);
    outbound.add(frame("!"), false);
    other.add(shared, false);
    socket.room = 3;
    otherSocket.room = 5;
    while (!outbound.writeTo(socket) | !other.writeTo(otherSocket)) {
      // a few bytes a write, one queue and then the other
    }
    assertEquals("shared by both!", socket.text());
    assertEquals("shared by both", otherSocket.text());
    assertEquals(0, shared.position(), "copied from, never consumed");
  }

  @Test
  void aQueueLargerThanTheStageGoesOutWholeAndInOrderAStageAtATime() throws Exception {
    Outbound big = new Outbound(Long.MAX_VALUE, Long.MAX_VALUE, GRACE, now::get, unlimited());
    StringBuilder expected = new StringBuilder();
    // Frames of every size around the stage's: one much larger than it, some that end inside it.
    int[] sizes = {100, WriteStage.BYTES - 150, 3 * WriteStage.BYTES + 7, 1, WriteStage.BYTES, 99};
    char letter = 'a';
    for (int size : sizes) {
      String text = String.valueOf(letter++).repeat(size);
      expected.append(text);
      big.add(frame(text), false);
    }
    socket.room = 10_007; // a socket that takes an odd share of each stage
    int writes = 0;
    while (!big.writeTo(socket)) {
      writes++;
    }
    assertEquals(expected.toString(), socket.text());
    assertTrue(big.isEmpty());
    assertEquals(0, big.bytes());
    assertTrue(writes > expected.length() / 10_007 - 2, "the socket took a share at a time: " + writes);
  }

  @Test
  void aStagedWriteThatTheSocketTakesWholeNeedsOneCallPerStage() throws Exception {
    Outbound big = new Outbound(Long.MAX_VALUE, Long.MAX_VALUE, GRACE, now::get, unlimited());
    String text = "x".repeat(2 * WriteStage.BYTES + 1);
    big.add(frame(text), false);
    assertTrue(big.writeTo(socket));
    assertEquals(text, socket.text());
    assertEquals(3, socket.calls, "a full stage, another, and the one byte left");
  }

  @Test
  void aWaitingUsersListIsReplacedByANewerOne() throws Exception {
    outbound.add(frame("[old list]"), true);
    outbound.add(frame("[new list]"), true);
    assertEquals(10, outbound.bytes());
    outbound.writeTo(socket);
    assertEquals("[new list]", socket.text());
  }

  @Test
  void aUsersListFollowedByAMessageStays() throws Exception {
    // The message's sender may be named only in the older list, which must come first.
    outbound.add(frame("[old list]"), true);
    outbound.add(frame("msg"), false);
    outbound.add(frame("[new list]"), true);
    outbound.writeTo(socket);
    assertEquals("[old list]msg[new list]", socket.text());
  }

  @Test
  void aUsersListPartlyWrittenIsNotReplaced() throws Exception {
    outbound.add(frame("[old list]"), true);
    socket.room = 4;
    outbound.writeTo(socket);
    outbound.add(frame("[new list]"), true);
    socket.room = Integer.MAX_VALUE;
    outbound.writeTo(socket);
    assertEquals("[old list][new list]", socket.text());
  }

  @Test
  void aPeerThatStoppedReadingIsCutOffPastTheSoftLimit() throws Exception {
    outbound.add(frame("x".repeat(60)), false);
    socket.room = 10;
    outbound.writeTo(socket); // blocked now, 50 bytes left
    socket.room = 0;
    now.addAndGet(GRACE.toNanos());
    outbound.writeTo(socket); // nothing taken for the grace period: stalled
    assertEquals(Added.QUEUED, outbound.add(frame("y".repeat(40)), false));
    assertEquals(Added.OVER_LIMIT, outbound.add(frame("z".repeat(20)), false));
    assertTrue(outbound.isEmpty(), "what was queued is let go at once");
    assertEquals(Added.ENDED, outbound.add(frame("later"), false));
  }

  @Test
  void aPeerThatReadsButFellBehindInABurstIsNotCutOffAtTheSoftLimit() throws Exception {
    outbound.add(frame("x".repeat(60)), false);
    socket.room = 10;
    outbound.writeTo(socket); // blocked, but it took bytes just now
    now.addAndGet(GRACE.toNanos() - 1);
    assertEquals(Added.QUEUED, outbound.add(frame("y".repeat(40)), false));
    assertEquals(Added.QUEUED, outbound.add(frame("z".repeat(20)), false), "past the soft limit, within the hard");
    outbound.writeTo(socket); // takes ten more bytes: still reading
    now.addAndGet(GRACE.toNanos() - 1);
    assertEquals(Added.QUEUED, outbound.add(frame("w".repeat(20)), false));
  }

  /** A pass whose first write took a whole stage and whose next took nothing is progress all the same. */
  @Test
  void aPeerThatTookAStageBeforeTheSocketFilledIsNotStalled() throws Exception {
    Outbound big = new Outbound(30_000, 1_000_000, GRACE, now::get, unlimited());
    big.add(frame("x".repeat(100_000)), false);
    socket.room = 10;
    assertFalse(big.writeTo(socket)); // blocked
    now.addAndGet(GRACE.toNanos());
    socket.room = 0;
    socket.rooms.add(Integer.MAX_VALUE); // one stage taken whole, then the socket is full again
    assertFalse(big.writeTo(socket));
    assertEquals(WriteStage.BYTES + 10, socket.taken.size());
    assertEquals(Added.QUEUED, big.add(frame("y".repeat(100)), false), "it read a stage just now: behind, not stalled");
  }

  @Test
  void manySmallFramesCountWhatTheirSlotsCost() {
    Outbound small = new Outbound(10 * OVERHEAD, 10 * OVERHEAD, GRACE, System::nanoTime, unlimited());
    int queued = 0;
    while (small.add(frame("x"), false) != Added.OVER_LIMIT) {
      queued++;
    }
    assertEquals(10 * OVERHEAD / (OVERHEAD + 1), queued);
  }

  @Test
  void aPeerThatReadsMayQueueUpToTheHardLimit() {
    for (int i = 0; i < 4; i++) {
      assertTrue(outbound.add(frame("x".repeat(100)), false) != Added.OVER_LIMIT, "frame " + i);
    }
    assertEquals(Added.OVER_LIMIT, outbound.add(frame("x"), false));
  }

  @Test
  void theFinalFrameGoesOutLastWhateverTheLimitAndNothingFollowsIt() throws Exception {
    outbound.add(frame("x".repeat(100)), false);
    assertTrue(outbound.addFinal(frame("CLOSE")));
    assertEquals(Added.ENDED, outbound.add(frame("late"), false));
    assertFalse(outbound.addFinal(frame("CLOSE AGAIN")));
    assertFalse(outbound.finalWritten());

    assertTrue(outbound.writeTo(socket));
    assertTrue(socket.text().endsWith("xCLOSE"), socket.text());
    assertTrue(outbound.finalWritten());
  }

  @Test
  void abandoningDropsEverythingAndEndsTheQueue() {
    outbound.add(frame("x"), false);
    outbound.abandon();
    assertTrue(outbound.isEmpty());
    assertEquals(0, outbound.bytes());
    assertEquals(Added.ENDED, outbound.add(frame("y"), false));
    assertFalse(outbound.addFinal(frame("CLOSE")));
  }

  @Test
  void theBudgetIsChargedWithWhatTheQueueHoldsOnTheHeapUntilItIsWritten() throws Exception {
    QueueBudget budget = new QueueBudget(Long.MAX_VALUE, Long.MAX_VALUE);
    Outbound charged = new Outbound(Long.MAX_VALUE, Long.MAX_VALUE, GRACE, now::get, budget.open(InetAddress.getLoopbackAddress(), false, (held, full) -> {}));
    ByteBuffer forOne = frame("for one");
    charged.add(forOne, false);
    charged.add(ByteBuffer.allocateDirect(100), false);
    assertEquals(OVERHEAD + 64 + 7 + OVERHEAD, budget.used(), "a broadcast's bytes are off the heap, shared by all");
    socket.room = 7;
    charged.writeTo(socket);
    assertEquals(OVERHEAD, budget.used(), "given back as each frame is written whole");
    socket.room = 99;
    charged.writeTo(socket);
    assertEquals(OVERHEAD, budget.used());
    socket.room = 1;
    charged.writeTo(socket);
    assertEquals(0, budget.used());
  }

  @Test
  void aQueuePastTheBudgetThatHoldsTheMostIsDroppedThere() {
    QueueBudget budget = new QueueBudget(1000, Long.MAX_VALUE);
    List<String> dropped = new ArrayList<>();
    Outbound[] queues = new Outbound[2];
    for (int i = 0; i < 2; i++) {
      int index = i;
      queues[i] =
          new Outbound(Long.MAX_VALUE, Long.MAX_VALUE, GRACE, now::get, budget.open(InetAddress.getLoopbackAddress(), false, (held, full) -> {
            dropped.add("queue " + index + " holding " + held);
            queues[index].abandon();
          }));
    }
    assertEquals(Added.FIRST, queues[0].add(frame("x".repeat(200)), false));
    assertEquals(Added.FIRST, queues[1].add(frame("x".repeat(500)), false));
    assertEquals(Added.ENDED, queues[1].add(frame("x".repeat(200)), false), "its own frame was the one too many");
    assertEquals(List.of("queue 1 holding " + (700 + 2 * (OVERHEAD + 64))), dropped);
    assertEquals(200 + OVERHEAD + 64, budget.used(), "what the other holds");
    assertEquals(Added.QUEUED, queues[0].add(frame("y"), false));
  }
}
