package dev.termchat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.server.room.Who;
import dev.termchat.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The rule that judges a node gone, on a clock the test moves and against a real Redis: the test
 * beats the nodes itself, one look a refresh, as their timers would. Redis's own expiry runs on
 * real time, so a dead node's key is made to last until the test's clock passes its time to
 * live, and is then deleted, as Redis would.
 */
class NodeLivenessTest {
  private static final Who ALICE = new Who("survivor", 1);
  private static final Who BOB = new Who("other", 2);

  private final AtomicLong nanos = new AtomicLong();
  /** Who the survivor judged gone; beats run on the test's thread. */
  private final List<Who> gone = new ArrayList<>();
  private final AtomicInteger otherSaidWhoIsHere = new AtomicInteger();
  private RedisServer redis;
  private NodeLiveness survivor;
  private NodeLiveness other;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start();
    survivor = node("survivor", gone::add, () -> {});
    other = node("other", who -> {}, otherSaidWhoIsHere::incrementAndGet);
  }

  @AfterEach
  void stop() {
    survivor.close();
    other.close();
    redis.close();
  }

  private NodeLiveness node(String id, java.util.function.Consumer<Who> judged, Runnable dataLost) {
    return new NodeLiveness(redis.uri(), id, () -> List.of(ALICE, BOB), judged, dataLost, () -> {}, nanos::get);
  }

  private long elapsedMillis() {
    return TimeUnit.NANOSECONDS.toMillis(nanos.get());
  }

  private void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  @Test
  void aNodeKilledJustAfterItsRefreshIsJudgedGoneWithinTenSecondsAndNotWhileItsKeyLives() {
    other.beat(); // ... and then killed: it never beats again.
    survivor.beat();
    long timeToLive;
    try (Jedis jedis = new Jedis(redis.uri())) {
      String key = jedis.keys("*other").iterator().next();
      timeToLive = jedis.pttl(key);
      jedis.persist(key); // Expired by the test, on its clock.
      while (gone.isEmpty() && elapsedMillis() < 60_000) {
        advance(NodeLiveness.REFRESH);
        if (elapsedMillis() >= timeToLive) {
          jedis.del(key);
        }
        survivor.beat();
      }
    }
    assertEquals(List.of(BOB), gone, "its user, once; the survivor's own stays");
    assertTrue(elapsedMillis() <= 10_000, "judged " + elapsedMillis() + " ms after its last refresh");
    assertTrue(elapsedMillis() >= timeToLive + NodeLiveness.GRACE.toMillis(), "not before its key was missing for the grace: " + elapsedMillis());
  }

  @Test
  void aKeyMissingForLessThanTheGraceIsNoDeathAndOneMissingForItIs() {
    other.beat();
    survivor.beat();
    deleteOthersKey();
    survivor.beat(); // First seen missing.
    advance(NodeLiveness.GRACE.minusMillis(1));
    survivor.beat();
    assertEquals(List.of(), gone, "missing for a millisecond less than the grace");
    advance(Duration.ofMillis(1));
    survivor.beat();
    assertEquals(List.of(BOB), gone);
  }

  @Test
  void aFlushedRedisDropsNoOneEvenWhenTheOthersRefreshComesASecondLate() {
    other.beat();
    survivor.beat();
    try (Jedis jedis = new Jedis(redis.uri())) {
      jedis.flushAll(); // Every node's key, gone at once, just after the other's refresh.
    }
    lookForThirtySecondsWhileTheOtherComesBackLate();
    assertEquals(List.of(), gone);
    assertEquals(1, otherSaidWhoIsHere.get(), "the other found its key gone before its time");
  }

  @Test
  void aRedisRestartedEmptyDropsNoOneEvenWhenTheOthersRefreshComesASecondLate() throws Exception {
    other.beat();
    survivor.beat();
    redis.close();
    survivor.beat(); // Tried while it was down: the survivor keeps no connection, the other a dead one.
    redis.restart(); // Back empty.
    lookForThirtySecondsWhileTheOtherComesBackLate();
    assertEquals(List.of(), gone);
    assertEquals(1, otherSaidWhoIsHere.get(), "the other found its key gone before its time");
    try (Jedis jedis = new Jedis(redis.uri())) {
      assertEquals(Set.of("termchat:node:survivor", "termchat:node:other"), jedis.keys("termchat:node:*"));
    }
  }

  @Test
  void aLookThatCannotReachRedisForgetsWhoWasMissing() throws Exception {
    other.beat();
    survivor.beat();
    deleteOthersKey(); // Late, say, as a node's beats can be.
    survivor.beat(); // Seen missing.
    advance(NodeLiveness.GRACE.minusSeconds(1));
    try (Jedis jedis = new Jedis(redis.uri())) {
      jedis.persist(jedis.keys("*survivor").iterator().next()); // Kept through the freeze, on any clock.
    }
    redis.freeze();
    try {
      survivor.beat(); // Cannot reach it; keeps its data.
    } finally {
      redis.thaw();
    }
    lookForThirtySecondsWhileTheOtherComesBackLate();
    assertEquals(List.of(), gone, "missing since before Redis was out of reach, but not at every look through the grace");
  }

  @Test
  void aNodeThatFindsItsOwnKeyLostGivesTheOthersTheirGraceAnew() {
    other.beat();
    survivor.beat();
    deleteOthersKey();
    survivor.beat(); // Seen missing.
    advance(NodeLiveness.GRACE.minusSeconds(1));
    try (Jedis jedis = new Jedis(redis.uri())) {
      jedis.flushAll(); // The survivor's own key too.
    }
    lookForThirtySecondsWhileTheOtherComesBackLate();
    assertEquals(List.of(), gone, "missing since before the flush, judged as if missing since it");
  }

  private void deleteOthersKey() {
    try (Jedis jedis = new Jedis(redis.uri())) {
      jedis.del(jedis.keys("*other").iterator().next());
    }
  }

  /**
   * The survivor looks at once and then every refresh; the other's next refresh comes a refresh
   * and a second after the loss (a beat late, or waiting on Redis), and it beats on from then.
   */
  private void lookForThirtySecondsWhileTheOtherComesBackLate() {
    survivor.beat();
    long otherBack = elapsedMillis() + NodeLiveness.REFRESH.plusSeconds(1).toMillis();
    while (elapsedMillis() < 30_000) {
      advance(NodeLiveness.REFRESH);
      survivor.beat();
      if (elapsedMillis() >= otherBack) {
        other.beat();
      }
    }
  }
}
