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
        assertTrue(pool.submit(null, true, () -> {
          running.countDown();
          await(release);
        }));
      }
      assertTrue(running.await(10, TimeUnit.SECONDS));
      for (int i = 0; i < HashPool.WAITING; i++) {
        assertTrue(pool.submit(null, true, () -> {}), "waiting " + i);
      }
      assertFalse(pool.submit(null, true, () -> {}), "past the queue's bound");
      release.countDown();
    }
  }

  /**
   * Attack trial: logins from addresses in turn in one /24 kept the queue full, and everyone
   * else's logins were refused as busy. Now a range has a quarter of the places, and another
   * range still gets in.
   */
  @Test
  void oneRangeHasOnlyItsShareOfThePool() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    try (HashPool pool = new HashPool()) {
      assertTrue(pool.submit("203.0.113.0/24", false, () -> {
        running.countDown();
        await(release);
      }));
      assertTrue(running.await(10, TimeUnit.SECONDS));
      for (int i = 1; i < HashPool.RANGE_SHARE; i++) {
        assertTrue(pool.submit("203.0.113.0/24", false, () -> {}), "within the share " + i);
      }
      assertFalse(pool.submit("203.0.113.0/24", false, () -> {}), "past the range's share");
      assertTrue(pool.submit("198.51.100.0/24", false, () -> {}), "another range still gets in");
      assertTrue(pool.submit(null, false, () -> {}), "as does what no range counts");
      CountDownLatch done = new CountDownLatch(1);
      release.countDown();
      assertTrue(pool.submit("198.51.100.0/24", false, done::countDown));
      assertTrue(done.await(10, TimeUnit.SECONDS));
      assertTrue(pool.submit("203.0.113.0/24", false, () -> {}), "the range's places come back as its requests are done");
    }
  }

  /**
   * Attack trial: logins to made-up names from addresses across many networks kept the queue
   * full, the owner's login refused as busy. Now a quarter of the places wait for logins from
   * addresses known to their account.
   */
  @Test
  void placesAreKeptForLoginsFromAddressesKnownToTheirAccount() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    try (HashPool pool = new HashPool()) {
      assertTrue(pool.submit("10.0.0.0/24", false, () -> {
        running.countDown();
        await(release);
      }));
      assertTrue(running.await(10, TimeUnit.SECONDS));
      for (int i = 1; i < HashPool.OPEN; i++) {
        assertTrue(pool.submit("10.0." + i + ".0/24", false, () -> {}), "open place " + i);
      }
      assertFalse(pool.submit("10.0.99.0/24", false, () -> {}), "the open places are taken");
      for (int i = 0; i < HashPool.RESERVED; i++) {
        assertTrue(pool.submit("10.0.1.0/24", true, () -> {}), "kept place " + i);
      }
      assertFalse(pool.submit(null, true, () -> {}), "the pool is full");
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
