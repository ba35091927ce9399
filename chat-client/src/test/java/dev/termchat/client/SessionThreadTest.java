package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session thread: events from any thread run on it alone, one at a time, in order. */
class SessionThreadTest {
  private final SessionThread thread = new SessionThread(Executors.newSingleThreadScheduledExecutor());

  @AfterEach
  void stop() {
    thread.shutdown();
  }

  @Test
  void eventsPostedFromManyThreadsRunOneAtATimeOnOneThreadInTheOrderEachPostedThem() throws Exception {
    List<String> seen = new ArrayList<>(); // Touched on the session thread alone: no lock.
    Set<Thread> ranOn = new HashSet<>();
    List<Thread> posters = new ArrayList<>();
    for (int poster = 0; poster < 4; poster++) {
      String name = "poster " + poster;
      Thread posting =
          new Thread(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  int number = i;
                  thread.post(
                      () -> {
                        ranOn.add(Thread.currentThread());
                        seen.add(name + " " + number);
                      });
                }
              });
      posting.start();
      posters.add(posting);
    }
    for (Thread posting : posters) {
      posting.join();
    }
    List<String> all = thread.ask(() -> List.copyOf(seen), List.of());
    assertEquals(4000, all.size());
    assertEquals(1, thread.ask(() -> ranOn.size(), 0));
    for (int poster = 0; poster < 4; poster++) {
      String prefix = "poster " + poster + " ";
      List<Integer> order =
          all.stream().filter(event -> event.startsWith(prefix)).map(event -> Integer.parseInt(event.substring(prefix.length()))).toList();
      assertEquals(java.util.stream.IntStream.range(0, 1000).boxed().toList(), order);
    }
  }

  /** A waiter that asks, then waits for a change, waits past its own question: else it spins. */
  @Test
  void anAnswerNotesTheVersionItsOwnQuestionLeftSoOnlyALaterEventCountsAsAChange() throws Exception {
    SessionThread.Seen<String> answered = thread.askSeen(() -> "settled?", "ended");
    assertEquals("settled?", answered.answer());
    assertEquals(thread.version(), answered.version(), "nothing ran after the question: no change to see");
    thread.post(() -> {});
    thread.awaitChange(answered.version(), Long.MAX_VALUE);
    assertTrue(thread.version() > answered.version());
  }

  @Test
  void theSessionThreadCannotWaitForItself() throws Exception {
    String outcome =
        thread.ask(
            () -> {
              IllegalStateException refused =
                  assertThrows(IllegalStateException.class, () -> thread.ask(() -> "never", "ended"));
              return refused.getMessage();
            },
            "ended");
    assertEquals("the session thread cannot wait for itself", outcome);
  }

  @Test
  void aQuestionWaitingWhenTheSessionEndsGetsTheAnswerForAnEndedSession() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    thread.post(
        () -> {
          busy.countDown();
          awaitQuietly(release);
        });
    busy.await();
    CompletableFuture<String> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return thread.ask(() -> "answered", "ended");
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    thread.shutdown();
    release.countDown();
    assertEquals("ended", assertTimeoutPreemptively(Duration.ofSeconds(10), () -> waiting.get()));
    assertEquals("ended", thread.ask(() -> "answered", "ended"));
    thread.post(() -> { throw new AssertionError("no event runs once the session is over"); });
  }

  @Test
  void aWaitForAChangeEndsOnceAnEventRan() throws Exception {
    long seen = thread.version();
    thread.post(() -> {});
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      while (thread.version() == seen) {
        thread.awaitChange(seen, TimeUnit.SECONDS.toNanos(30));
      }
    });
    assertTrue(thread.version() > seen);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
