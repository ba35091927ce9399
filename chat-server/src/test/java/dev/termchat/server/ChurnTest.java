package dev.termchat.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.Heap;
import dev.termchat.testing.RawWebSocket;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A thousand clients come and go, half of them abruptly; nothing of them stays behind. */
class ChurnTest {
  private static final int CYCLES = 1000;
  private static final int PARALLEL = 8;

  @RegisterExtension
  final ChatFixture chat = new ChatFixture(config -> config.rate(100_000, 100_000));

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  @Test
  void connectRegisterDisconnectAThousandTimesLeavesNoTrace() throws Exception {
    cycle(0); // warms up classes and buffers that stay for the life of the server
    awaitEmpty();
    int baselineThreads = threads.getThreadCount();
    long baselineHeap = usedHeapAfterGc();

    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    try {
      List<Future<?>> cycles = new ArrayList<>();
      for (int i = 1; i <= CYCLES; i++) {
        int cycle = i;
        cycles.add(pool.submit(() -> cycle(cycle)));
      }
      for (Future<?> cycle : cycles) {
        cycle.get();
      }
    } finally {
      pool.shutdown();
    }

    awaitEmpty();
    // Polled on this thread: Awaitility's own poller thread would count against the baseline.
    await()
        .pollInSameThread()
        .atMost(Duration.ofSeconds(20))
        .until(() -> threads.getThreadCount() <= baselineThreads);
    await()
        .pollInSameThread()
        .atMost(Duration.ofSeconds(20))
        .until(() -> usedHeapAfterGc() <= baselineHeap + 8 * 1024 * 1024);
  }

  /** No user, no socket, and no record of either: a leak of any of them would show here. */
  private void awaitEmpty() {
    await()
        .until(
            () ->
                chat.server().users().isEmpty()
                    && chat.server().openSockets() == 0
                    && chat.server().trackedSockets() == 0);
    assertEquals(List.of(), chat.server().users());
  }

  private Void cycle(int i) throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(chat.uri(), Map.of())) {
      client.sendText("{\"messageType\":\"register\",\"data\":\"churn" + i + "\"}");
      client.readText(); // register reply: the name is taken
      if (i % 2 == 0) {
        client.socket().setSoLinger(true, 0); // a reset, no close frame
      } else {
        client.sendFrame(true, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8});
        client.awaitClose();
      }
    }
    return null;
  }

  private long usedHeapAfterGc() {
    return Heap.usedAfterGc();
  }
}
