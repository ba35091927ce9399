package dev.termchat.server.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hashing pool refuses at once when its threads are busy and its queue is full. */
class HashPoolTest {
  @Test
  void aFullPoolRefusesRatherThanQueueWithoutBound() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(HashPool.THREADS);
    try (HashPool pool = new HashPool()) {
      for (int i = 0; i < HashPool.THREADS; i++) {
        assertTrue(pool.submit(() -> {
          running.countDown();
          await(release);
        }));
      }
      assertTrue(running.await(10, TimeUnit.SECONDS));
      for (int i = 0; i < HashPool.WAITING; i++) {
        assertTrue(pool.submit(() -> {}), "waiting " + i);
      }
      assertFalse(pool.submit(() -> {}), "past the queue's bound");
      release.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
