package dev.termchat.client;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.ListRooms;
import dev.termchat.protocol.Moderate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The room frames a person's commands make (join, part, topic, list), sent at the pace lines go
 * at, from the same bucket, so that {@code /join} of a hundred rooms is not cut short by the
 * server's frame rate; and the joins sent and not yet answered, oldest first. The server answers
 * each join with one join reply or one error, in the order of the connection's frames (joins
 * carry no id), so an error that refuses a join refuses the oldest join unanswered. Questions
 * ({@code /list}, {@code /whois}, {@code /banlist}) are counted until answered, so that piped
 * input waits for their answers before it leaves.
 *
 * <p>Runs on the session thread alone; each field is confined to it.
 */
final class RoomFrames {
  private final SessionClock clock;
  /** The pace lines go at on this connection, whose tokens room frames take too. */
  private final Supplier<Pace> pace;
  /** Sends a frame on this connection; false when it is closing. */
  private final Predicate<ClientFrame> send;
  /** Frames waiting for the pace, oldest first. */
  private final Deque<ClientFrame> waiting = new ArrayDeque<>();
  /** The rooms of joins sent on this connection and not yet answered, as asked, oldest first. */
  private final Deque<String> unanswered = new ArrayDeque<>();
  private SessionClock.Timer pending;
  /**
   * Whether frames wait for the session to be in on this connection: a login at the join may yet
   * be refused, and no frame may go out under the name the session has until then.
   */
  private boolean held;
  /** Questions sent on this connection and not yet answered. */
  private int questionsOut;
  /** When a question last went out or was answered, by the session's clock. */
  private long lastProgress;

  /** Told when the frames that waited are all sent: the lines that waited for them may go. */
  private final Runnable allSent;

  RoomFrames(SessionClock clock, Supplier<Pace> pace, Predicate<ClientFrame> send, Runnable allSent) {
    this.clock = clock;
    this.pace = pace;
    this.send = send;
    this.allSent = allSent;
  }

  /** Whether frames wait for the pace. */
  boolean waiting() {
    return !waiting.isEmpty();
  }

  /** The session is in on this connection: what waited for that goes, at the pace. */
  void release() {
    held = false;
    sendWaiting();
  }

  /**
   * A new connection: what waited for the last one is asked for by the register instead, and
   * what is asked from now on waits until the session is in ({@link #release}).
   */
  void opened() {
    waiting.clear();
    unanswered.clear();
    questionsOut = 0;
    held = true;
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
  }

  /** Sends the frame after those waiting, as the pace allows. */
  void send(ClientFrame frame) {
    waiting.add(frame);
    sendWaiting();
  }

  private void sendWaiting() {
    boolean any = !waiting.isEmpty();
    sendPaced();
    if (any && waiting.isEmpty()) {
      allSent.run();
    }
  }

  private void sendPaced() {
    while (!held && !waiting.isEmpty()) {
      long now = clock.nanoTime();
      if (!pace.get().tryTake(now)) {
        if (pending == null || pending.done()) {
          pending = clock.after(pace.get().nanosUntilNext(now), this::sendLater);
        }
        return;
      }
      ClientFrame frame = waiting.poll();
      if (!send.test(frame)) {
        waiting.clear(); // Closing: the next connection's register asks for the rooms wanted.
        return;
      }
      if (frame instanceof Join join) {
        unanswered.add(join.room());
      } else if (question(frame)) {
        questionsOut++;
        lastProgress = clock.nanoTime();
      }
    }
  }

  private void sendLater() {
    pending = null;
    sendWaiting();
  }

  /** The session is in a room: the answer to the oldest join of it unanswered, if any. */
  void entered(String key) {
    for (Iterator<String> it = unanswered.iterator(); it.hasNext(); ) {
      if (WantedRooms.key(it.next()).equals(key)) {
        it.remove();
        return;
      }
    }
  }

  /** A frame answered to its asker alone: the rooms, someone's whois, a list of bans. */
  private static boolean question(ClientFrame frame) {
    return frame instanceof ListRooms || frame instanceof Moderate moderate && moderate.act().question();
  }

  /**
   * The answer to a question came, or an error no line or join claimed while one was out.
   *
   * @return whether one was out
   */
  boolean questionAnswered() {
    if (questionsOut == 0) {
      return false;
    }
    questionsOut--;
    lastProgress = clock.nanoTime();
    return true;
  }

  /** Whether questions wait to be sent, or sent, for their answer: piped input waits for them. */
  boolean questionsPending() {
    return questionsOut > 0 || waiting.stream().anyMatch(RoomFrames::question);
  }

  /** When a question last went out or was answered, by the session's clock. */
  long lastProgress() {
    return lastProgress;
  }

  /** Whether joins sent wait for their answer. */
  boolean joinsUnanswered() {
    return !unanswered.isEmpty();
  }

  /** Whether joins wait to be sent, or sent, for their answer. */
  boolean joinsPending() {
    return !unanswered.isEmpty() || waiting.stream().anyMatch(Join.class::isInstance);
  }

  /** An error refused the oldest join unanswered: that join's room. */
  Optional<String> refused() {
    return Optional.ofNullable(unanswered.poll());
  }
}
