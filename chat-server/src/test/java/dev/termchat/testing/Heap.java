package dev.termchat.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The live heap of this JVM, where an in-process server under test keeps its memory. */
public final class Heap {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private Heap() {}

  /** Bytes of heap in use right after a full collection: roughly what is still reachable. */
  public static long usedAfterGc() {
    System.gc();
    return MEMORY.getHeapMemoryUsage().getUsed();
  }
}
