package dev.termchat.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one thread that owns a session's state. The socket's listener thread, the console reader
 * and the session's own timers do not touch that state: they post events here, which run one at
 * a time in the order posted, and callers that need an answer wait for it. After every event it
 * signals a change, for the threads that wait for a state (room among the lines to send, every
 * line accounted for) to look again.
 *
 * <p>Once {@link #shutdown} is called, events are dropped and questions get the answer given for
 * an ended session: nothing happens to a session that is over.
 */
final class SessionThread implements SessionClock {
  private final ScheduledExecutorService executor;
  /** The executor's one thread, once its first event ran; null before. Written on it. */
  private volatile Thread owner;
  /** Counts the events that ran. Guarded by {@code changes}. */
  private long version;
  /** Runs after every event, on this thread, to publish what other threads may read. Set once. */
  private volatile Runnable afterEach = () -> {};

  private final Object changes = new Object();

  /** @param executor one thread, which this session uses alone */
  SessionThread(ScheduledExecutorService executor) {
    this.executor = executor;
    post(() -> owner = Thread.currentThread());
  }

  /** What to run after every event, to publish what other threads read without waiting. */
  void afterEach(Runnable publish) {
    afterEach = publish;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  /** Runs the event on the session thread, after those posted before it. */
  void post(Runnable event) {
    try {
      executor.execute(() -> run(event));
    } catch (RejectedExecutionException e) {
      // Shut down: the session is over, and what happens to its connection now means nothing.
    }
  }

  @Override
  public Timer after(long nanos, Runnable task) {
    long due = nanoTime() + nanos;
    ScheduledFuture<?> future;
    try {
      future = executor.schedule(() -> run(task), nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      future = null; // Shut down: a timer that never runs, as the session is over.
    }
    ScheduledFuture<?> scheduled = future;
    return new Timer() {
      @Override
      public void cancel() {
        if (scheduled != null) {
          scheduled.cancel(false);
        }
      }

      @Override
      public boolean done() {
        return scheduled == null || scheduled.isDone();
      }

      @Override
      public long nanosLeft() {
        return due - nanoTime();
      }
    };
  }

  /**
   * Asks the session thread, and waits for the answer. Never called on the session thread, which
   * would wait for itself.
   *
   * @param whenEnded the answer once the session is over
   */
  <T> T ask(Supplier<T> question, T whenEnded) throws InterruptedException {
    if (Thread.currentThread() == owner) {
      throw new IllegalStateException("the session thread cannot wait for itself");
    }
    Future<T> answer;
    try {
      answer = executor.submit(() -> run(question));
    } catch (RejectedExecutionException e) {
      return whenEnded;
    }
    try {
      return answer.get();
    } catch (CancellationException e) {
      return whenEnded; // Shut down before its turn came.
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** An answer, and the version once its question ran: what to wait past for a change it did not make. */
  record Seen<T>(T answer, long version) {}

  /**
   * As {@link #ask}, with the version its own run left: a caller that waits for a change after an
   * answer waits past this, as its question counts as an event too (waiting past a version read
   * before asking returns at once, and a loop of such waits spins).
   */
  <T> Seen<T> askSeen(Supplier<T> question, T whenEnded) throws InterruptedException {
    long[] ranAt = {-1};
    T answer =
        ask(
            () -> {
              synchronized (changes) {
                ranAt[0] = version + 1; // This question's own run, counted once it ends.
              }
              return question.get();
            },
            whenEnded);
    return new Seen<>(answer, ranAt[0] < 0 ? version() : ranAt[0]);
  }

  /** Runs the action on the session thread, and waits until it has. */
  void await(Runnable action) throws InterruptedException {
    ask(
        () -> {
          action.run();
          return null;
        },
        null);
  }

  /** How many events ran so far: what {@link #awaitChange} waits to see grow. */
  long version() {
    synchronized (changes) {
      return version;
    }
  }

  /**
   * Waits until an event ran after {@code seen} was read, or the time is up; at most a second at a
   * time, so that a shutdown is seen too.
   */
  void awaitChange(long seen, long nanos) throws InterruptedException {
    long until = System.nanoTime() + Math.min(nanos, TimeUnit.SECONDS.toNanos(1));
    synchronized (changes) {
      for (long left = until - System.nanoTime(); version == seen && left > 0; left = until - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(changes, left);
      }
    }
  }

  /** Ends the thread; events still queued are dropped, and waiting questions get their end answer. */
  void shutdown() {
    for (Runnable never : executor.shutdownNow()) {
      if (never instanceof Future<?> future) {
        future.cancel(false);
      }
    }
    signal();
  }

  /** Runs an event no one waits for: a failure is a bug, reported as the thread's own would be. */
  private void run(Runnable event) {
    try {
      run(
          () -> {
            event.run();
            return null;
          });
    } catch (RuntimeException | Error e) {
      Thread thread = Thread.currentThread();
      thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
    }
  }

  private <T> T run(Supplier<T> event) {
    try {
      return event.get();
    } finally {
      afterEach.run();
      signal();
    }
  }

  private void signal() {
    synchronized (changes) {
      version++;
      changes.notifyAll();
    }
  }
}
