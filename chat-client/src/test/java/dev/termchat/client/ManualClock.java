package dev.termchat.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A session clock the test moves: timers run on the test's thread, in the order they are due,
 * when the test moves the clock past them; nothing waits for real time.
 */
final class ManualClock implements SessionClock {
  private long now = 1_000_000_000L;
  private long order;
  private final List<Scheduled> scheduled = new ArrayList<>();

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public Timer after(long nanos, Runnable task) {
    Scheduled timer = new Scheduled(now + Math.max(0, nanos), order++, task);
    scheduled.add(timer);
    return timer;
  }

  /** Moves the clock on, running every timer that falls due on the way, each at its time. */
  void advance(Duration by) {
    long until = now + by.toNanos();
    for (Optional<Scheduled> next = nextDue(until); next.isPresent(); next = nextDue(until)) {
      Scheduled timer = next.get();
      scheduled.remove(timer);
      now = Math.max(now, timer.due);
      timer.done = true;
      timer.task.run();
    }
    now = until;
  }

  /** Runs what is due now, as the session thread would once the current event is over. */
  void runDue() {
    advance(Duration.ZERO);
  }

  /** Timers set and not yet run or cancelled. */
  int pending() {
    return (int) scheduled.stream().filter(timer -> !timer.done).count();
  }

  private Optional<Scheduled> nextDue(long until) {
    scheduled.removeIf(timer -> timer.done);
    return scheduled.stream()
        .filter(timer -> timer.due <= until)
        .min(Comparator.comparingLong((Scheduled timer) -> timer.due).thenComparingLong(timer -> timer.order));
  }

  private final class Scheduled implements Timer {
    private final long due;
    private final long order;
    private final Runnable task;
    private boolean done;

    Scheduled(long due, long order, Runnable task) {
      this.due = due;
      this.order = order;
      this.task = task;
    }

    @Override
    public void cancel() {
      done = true;
    }

    @Override
    public boolean done() {
      return done;
    }

    @Override
    public long nanosLeft() {
      return due - now;
    }
  }
}
