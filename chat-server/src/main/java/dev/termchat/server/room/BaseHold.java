package dev.termchat.server.room;

import dev.termchat.server.wire.OutgoingFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Messages held back from base clients until a users list may go before them. A base client
 * must see a list naming a sender before any message from that sender, and users lists may take
 * only so many bytes a second ({@link ListBudget}): when someone no list named yet speaks and no
 * list may go, that message and every later one wait, in order, for every base client, to follow
 * the next list; a base client that has had no list at all waits so for its first. Each message is
 * held once, whoever waits for it. The list that ends the hold names every sender held, even one
 * who has left or taken another name since.
 *
 * <p>Bounded: held for at most {@value #MAX_HOLD_SECONDS} s and {@value #MAX_HELD_BYTES} bytes of
 * frames and of their lists of recipients. Past either the messages go without a list, but not
 * those from a sender the client's last list did not name (to a client that has had no list,
 * none): those are the price of a room too big for its budget to name newcomers in time.
 * Confined to the room thread.
 */
final class BaseHold {
  static final int MAX_HOLD_SECONDS = 10;
  static final long MAX_HELD_BYTES = 4L * 1024 * 1024;
  private static final long MAX_HOLD_NANOS = TimeUnit.SECONDS.toNanos(MAX_HOLD_SECONDS);

  /**
   * A message held, for the base clients among {@code recipients} when {@code everyone}, for all
   * of them otherwise.
   *
   * @param sender the name it was sent under
   */
  record Held(OutgoingFrame frame, String sender, List<Member> recipients, boolean everyone) {}

  private final LongSupplier nanoTime;
  private final Deque<Held> held = new ArrayDeque<>();
  private long bytes;
  /** When the oldest message held was. */
  private long since;
  /** Whether every base client waits, not only those that have had no list. */
  private boolean everyone;

  BaseHold(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** From now until the next list or the bound, every base client waits. */
  void holdEveryone() {
    everyone = true;
  }

  boolean holdsEveryone() {
    return everyone;
  }

  void add(Held message) {
    if (held.isEmpty()) {
      since = nanoTime.getAsLong();
    }
    held.add(message);
    // Its list of recipients too: a snapshot of the room, new after every join or leave.
    bytes += message.frame().wireBytes() + (long) Long.BYTES * message.recipients().size();
  }

  /** Whether what is held is past a bound, and must go without waiting for a list. */
  boolean overdue() {
    return !held.isEmpty() && (bytes >= MAX_HELD_BYTES || nanosUntilOverdue() == 0);
  }

  /**
   * Which bound what is held passed, for the log: {@code "4 MiB"} or {@code "10 s"}; empty when
   * it passed neither, as when a list came.
   */
  Optional<String> boundPassed() {
    if (held.isEmpty()) {
      return Optional.empty();
    }
    if (bytes >= MAX_HELD_BYTES) {
      return Optional.of(MAX_HELD_BYTES / (1024 * 1024) + " MiB");
    }
    return nanosUntilOverdue() == 0 ? Optional.of(MAX_HOLD_SECONDS + " s") : Optional.empty();
  }

  /** How long until the time bound; {@link Long#MAX_VALUE} when nothing is held. */
  long nanosUntilOverdue() {
    return held.isEmpty() ? Long.MAX_VALUE : Math.max(0, since + MAX_HOLD_NANOS - nanoTime.getAsLong());
  }

  /** The names the messages held were sent under, in the order they were first held. */
  Set<String> senders() {
    Set<String> senders = new LinkedHashSet<>();
    for (Held message : held) {
      if (message.sender() != null) {
        senders.add(message.sender());
      }
    }
    return senders;
  }

  /** Everything held, oldest first, and the end of the hold. */
  List<Held> take() {
    List<Held> taken = new ArrayList<>(held);
    held.clear();
    bytes = 0;
    everyone = false;
    return taken;
  }
}
