package dev.termchat.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatsTest {
  @Test
  void cpuTicksAreUserPlusSystemTimeCountedAfterTheCommandName() {
    // The command name may hold spaces and parentheses; fields are counted after its last ')'.
    String stat =
        "4242 (java (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 19 0 99 0 0";
    assertEquals(1234 + 567, ProcStats.cpuTicks(stat));
  }

  @Test
  void writeCallsAndResidentMemory() {
    assertEquals(98765, ProcStats.writeCalls("rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 98765\nread_bytes: 0\n"));
    assertEquals(123456, ProcStats.rssKiB("Name:\tjava\nVmRSS:\t  123456 kB\nThreads:\t19\n"));
  }

  @Test
  void thisProcessCanBeRead() throws Exception {
    ProcStats self = ProcStats.read(ProcessHandle.current().pid());
    assertTrue(self.cpuTicks() > 0 && self.rssKiB() > 0, self.toString());
  }
}
