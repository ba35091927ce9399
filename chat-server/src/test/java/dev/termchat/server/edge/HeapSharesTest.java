package dev.termchat.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The defaults that follow the heap, at the heaps OPERATIONS.md gives them for. */
class HeapSharesTest {
  /** What Java reports as its heap under bin/chat-server's -Xmx256m -Xmn24m -XX:+UseSerialGC. */
  private static final long LAUNCHER = 265_945_088L;
  /** The same under -Xmx64m -XX:+UseSerialGC, HeapAttacksIT's. */
  private static final long SMALL = 64_880_640L;

  @Test
  void theLaunchersHeapIsSharedAsTheMemoryTableSays() {
    assertEquals(20_369, HeapShares.maxConnections(LAUNCHER, false));
    assertEquals(1_797, HeapShares.maxConnections(LAUNCHER, true));
    assertEquals(49_864_704, HeapShares.queuedBytesTotal(LAUNCHER)); // 47.6 MiB
    assertEquals(12_466_176, HeapShares.queuedBytesPerAddress(HeapShares.queuedBytesTotal(LAUNCHER))); // 11.9 MiB
    assertEquals(16_621_568, HeapShares.unfinishedBytes(LAUNCHER)); // 15.9 MiB
  }

  @Test
  void aSmallHeapIsSharedTheSameWay() {
    assertEquals(4_969, HeapShares.maxConnections(SMALL, false));
    assertEquals(438, HeapShares.maxConnections(SMALL, true));
    assertEquals(12_165_120, HeapShares.queuedBytesTotal(SMALL)); // 11.6 MiB
    assertEquals(4_055_040, HeapShares.unfinishedBytes(SMALL)); // 3.9 MiB
  }
}
