package dev.termchat.server.room;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The room's thread and its inbox: what the log hands back, what it lost, refusals decided on
 * this node, and the room's own requests (say who is here, drain, stop) queue here from any
 * thread, and the room thread takes them in batches, applies each in turn, and writes what they
 * caused at the end of the batch.
 */
final class RoomLoop implements RoomLog.Listener {
  private static final Logger log = RoomLogger.LOG;
  private static final int MAX_BATCH = 1024;
  private static final long EXPIRY_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private sealed interface Task permits Apply, Loaded, RoomLine, Lost, Replying, Announce, Drain, Stop {}

  private record Apply(LogEntry entry) implements Task {}

  /** A followed room's own log, as loaded. */
  private record Loaded(RoomLoad load) implements Task {}

  /** A line of a followed room's own log. */
  private record RoomLine(String room, LogEntry entry) implements Task {}

  /** An event of this node's that its log could not keep: undone or refused here alone. */
  private record Lost(RoomEvent event) implements Task {}

  /**
   * A frame of this node's connection refused here, or a question of its answered here, after
   * that connection's first {@code after} events.
   */
  private record Replying(RoomEvent reply, long after) implements Task {}

  /** The log may have lost entries: this node says again who is on it. */
  private record Announce() implements Task {}

  private record Drain(CompletableFuture<Void> done) implements Task {}

  private record Stop() implements Task {}

  private final RoomRules rules;
  private final UsersList users;
  private final MadeRoomPresence madePresence;
  private final Delivery delivery;
  private final ReplyOrder refusals;
  /** Appends an event of the room's own making to the log. */
  private final Consumer<RoomEvent> toLog;
  private final Consumer<Throwable> fatal;
  private final BlockingQueue<Task> inbox = new LinkedBlockingQueue<>();
  /** Characters of message text in the inbox: added by the log's threads, taken by the room's. */
  private final AtomicLong waitingChars = new AtomicLong();
  private final Thread thread = new Thread(this::run, "chat-room");

  /** When sessions, held names and waiting refusals were last expired. Confined to the room thread. */
  private long lastExpiry = System.nanoTime();

  RoomLoop(
      RoomRules rules,
      UsersList users,
      MadeRoomPresence madePresence,
      Delivery delivery,
      ReplyOrder refusals,
      Consumer<RoomEvent> toLog,
      Consumer<Throwable> fatal) {
    this.rules = rules;
    this.users = users;
    this.madePresence = madePresence;
    this.delivery = delivery;
    this.refusals = refusals;
    this.toLog = toLog;
    this.fatal = fatal;
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  boolean running() {
    return thread.isAlive();
  }

  /** Where the log hands its entries, in log order, on whatever thread it appends. */
  @Override
  public void entry(LogEntry entry) {
    waitingChars.addAndGet(textLength(entry.event()));
    inbox.add(new Apply(entry));
  }

  @Override
  public void registeredInReplay(java.util.Collection<String> names) {
    // Before any entry is in the inbox: the room thread reads the names only when it applies one.
    rules.registeredInReplay(names);
  }

  @Override
  public void lost(RoomEvent event) {
    inbox.add(new Lost(event));
  }

  @Override
  public void roomLoaded(RoomLoad load) {
    inbox.add(new Loaded(load));
  }

  @Override
  public void roomEntry(String room, LogEntry entry) {
    waitingChars.addAndGet(textLength(entry.event()));
    inbox.add(new RoomLine(room, entry));
  }

  void reply(RoomEvent reply, long after) {
    inbox.add(new Replying(reply, after));
  }

  /** The log may have lost entries: this node says again who is on it. */
  @Override
  public void mayHaveLost() {
    announce();
  }

  void announce() {
    inbox.add(new Announce());
  }

  /** Tasks waiting for the room's thread. */
  int backlog() {
    return inbox.size();
  }

  /** Characters of message text waiting for the room's thread. */
  long waitingChars() {
    return waitingChars.get();
  }

  /** Completes once everything taken before has been applied and its frames flushed. */
  CompletableFuture<Void> drain() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (thread.isAlive()) {
      inbox.add(new Drain(done));
    } else {
      done.complete(null);
    }
    return done;
  }

  /** Stops the thread after it applied what is already queued. */
  void stop() {
    if (thread.isAlive()) {
      inbox.add(new Stop());
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int textLength(RoomEvent event) {
    if (event instanceof RoomEvent.Say say) {
      return say.text().length();
    } else if (event instanceof RoomEvent.Whisper whisper) {
      return whisper.text().length();
    } else if (event instanceof RoomEvent.Line line) {
      return line.text().length();
    } else if (event instanceof RoomEvent.Rename rename) {
      return rename.name().length();
    }
    return 0;
  }

  private void run() {
    List<Task> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (true) {
        try {
          if (!turn(batch)) {
            return;
          }
        } catch (RuntimeException e) {
          // A bug in one turn must not stop the room for everyone; the next turn starts clean.
          log.error("The room failed to finish a turn", e);
          batch.clear();
          delivery.clearQueued();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Error e) {
      // Out of memory, or worse: the room cannot go on, and a server without one must stop.
      fatal.accept(e);
    }
  }

  /** Applies one batch of tasks and sends what they caused; false once stopped. */
  private boolean turn(List<Task> batch) throws InterruptedException {
    // A users list waiting, or messages held for one: wait for events only until it may go out.
    long wait = Math.min(Math.min(users.nanosUntilWork(), madePresence.nanosUntilWork()), EXPIRY_INTERVAL_NANOS);
    Task first = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
    if (first != null) {
      batch.add(first);
      inbox.drainTo(batch, MAX_BATCH - 1);
    }
    boolean stop = false;
    for (Task task : batch) {
      if (task instanceof Stop) {
        stop = true;
        break;
      }
      if (task instanceof Drain drain) {
        rules.drained();
        users.sendAllNow();
        madePresence.tellAll();
        delivery.flushQueued();
        drain.done().complete(null);
      } else if (task instanceof Apply apply) {
        apply(apply.entry());
      } else if (task instanceof Loaded loaded) {
        rules.roomLoaded(loaded.load());
      } else if (task instanceof RoomLine line) {
        waitingChars.addAndGet(-textLength(line.entry().event()));
        rules.roomEntry(line.room(), line.entry());
        refusals.settled(line.entry().event());
      } else if (task instanceof Lost lost) {
        rules.lost(lost.event());
        refusals.settled(lost.event());
      } else if (task instanceof Replying replying) {
        refusals.reply(replying.reply(), replying.after());
      } else if (task instanceof Announce) {
        toLog.accept(rules.roster(true));
      }
    }
    batch.clear();
    users.endTurn();
    madePresence.endTurn();
    delivery.flushQueued();
    long now = System.nanoTime();
    if (now - lastExpiry >= EXPIRY_INTERVAL_NANOS) {
      lastExpiry = now;
      rules.expire();
      refusals.expire();
    }
    return !stop;
  }

  private void apply(LogEntry entry) {
    waitingChars.addAndGet(-textLength(entry.event()));
    try {
      rules.apply(entry);
    } catch (RuntimeException e) {
      // A bug in handling one event must not stop the room for everyone.
      log.error("Failed to apply {}", entry, e);
    }
    if (!entry.replayed()) {
      refusals.settled(entry.event());
    }
  }
}
