package dev.termchat.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines typed in this session and what became of them: waiting to be sent, sent and waiting
 * for the server's echo, delivered (echoed), refused by the server, or unconfirmed (sent on a
 * connection that dropped before the echo came, to a server that cannot resume, so they may or
 * may not have reached anyone). Lines wait here while there is no connection and go out once
 * there is one again. To a server that resumes sessions, lines whose echo did not come before
 * the connection dropped wait again, to be sent once more under the same id; the server says
 * each only once.
 *
 * <p>Lines go out in the order they were typed, always. One the server could not take just then
 * (unavailable: its shared log out of reach) goes back to its place among those waiting, ahead of
 * every line typed after it, however often it is refused. And from then until the server takes a
 * line again, the outbox holds: one line at a time goes out, the next only once the last has its
 * answer, so that no line typed later can reach a server that takes lines again while an earlier
 * one is on its way to be refused.
 *
 * <p>A server remembers only so many ids; to it, only so many lines go without their echo (see
 * {@link dev.termchat.protocol.Wire#MAX_UNECHOED_LINES}), and the next only once an echo comes.
 * Otherwise a path back from the server that died unnoticed would let lines pile up unechoed
 * until the client's pings found it out, and those sent again after the reconnect would be more
 * than the server remembers: the oldest of them said twice.
 *
 * <p>Not thread-safe: confined to the session thread.
 */
final class Outbox {
  /** Lines not sent yet, or to be sent again, by their place in the order typed. */
  private final TreeMap<Long, OutgoingLine> waiting = new TreeMap<>();
  /** Lines sent whose answer has not come, in the order sent, which is the order typed. */
  private final Deque<OutgoingLine> inFlight = new ArrayDeque<>();
  /** Whether the server could not take a line and has taken none since. */
  private boolean holding;
  private long lastNumber;
  private int typed;
  private int delivered;
  private int refused;
  private int unconfirmed;
  private int tooLong;
  private int dropped;
  private int inNoRoom;

  void add(OutgoingLine.Kind kind, String to, String text) {
    add(kind, to, text, null);
  }

  void add(OutgoingLine.Kind kind, String to, String text, String room) {
    long number = ++lastNumber;
    waiting.put(number, new OutgoingLine(number, kind, to, text, room));
    typed++;
  }

  /** A line too long to send at all; it was not. */
  void tooLong() {
    typed++;
    tooLong++;
  }

  /** A line typed while too many already waited for a connection; it was not kept. */
  void dropped() {
    typed++;
    dropped++;
  }

  /** A line typed in no room, on a server with rooms; it went nowhere. */
  void inNoRoom() {
    typed++;
    inNoRoom++;
  }

  boolean hasWaiting() {
    return !waiting.isEmpty();
  }

  /** Lines not yet sent, or to be sent again. */
  int waiting() {
    return waiting.size();
  }

  /**
   * Whether the next line may go now: there is one, and fewer than {@code limit} lines sent still
   * wait for their answer; while the server has been refusing lines, none may.
   */
  boolean mayTakeNext(int limit) {
    return !waiting.isEmpty() && inFlight.size() < (holding ? 1 : limit);
  }

  /** Whether lines sent still wait for their answer. */
  boolean awaitingAnswers() {
    return !inFlight.isEmpty();
  }

  /** Whether the next line to send is one the server could not take before. */
  boolean nextIsRetry() {
    return !waiting.isEmpty() && waiting.firstEntry().getValue().refusedBefore();
  }

  /** The next line to send; it stays waiting. */
  OutgoingLine peekNext() {
    Map.Entry<Long, OutgoingLine> first = waiting.firstEntry();
    return first == null ? null : first.getValue();
  }

  /** The next line cannot be sent to this server at all; it is given up, as if refused. */
  void unsendable() {
    if (waiting.pollFirstEntry() != null) {
      refused++;
    }
  }

  /** Takes the next line to send; it is in flight from now on. */
  OutgoingLine takeNext() {
    OutgoingLine line = waiting.pollFirstEntry().getValue();
    inFlight.add(line);
    return line;
  }

  /**
   * The server could not take a line just now (its shared log was out of reach): the one with
   * this id, or the oldest in flight when the server named none. It goes back to its place, to
   * go again before any line typed after it, and the outbox holds until the server takes one.
   *
   * @return whether it was a line in flight
   */
  boolean unavailable(String clientId) {
    OutgoingLine line = takeInFlight(clientId);
    if (line == null) {
      return false;
    }
    waiting.put(line.number(), line.refused());
    holding = true;
    return true;
  }

  /** The line in flight with this id, or the oldest when {@code clientId} is null, taken out. */
  private OutgoingLine takeInFlight(String clientId) {
    if (clientId == null) {
      return inFlight.poll();
    }
    for (Iterator<OutgoingLine> it = inFlight.iterator(); it.hasNext(); ) {
      OutgoingLine line = it.next();
      if (clientId.equals(line.clientId())) {
        it.remove();
        return line;
      }
    }
    return null;
  }

  /**
   * The server echoed a line of this client's: the one with this id, wherever it is, or the
   * oldest in flight when the server gives no ids. Once nothing else is in flight, the server
   * takes lines again, and they go out as fast as it allows.
   *
   * @return whether it was a line still waiting for its echo
   */
  boolean echoed(String clientId) {
    return echoedLine(clientId) > 0;
  }

  /**
   * As {@link #echoed}, but says which line it was.
   *
   * @return its place among the lines typed, or 0 when it was no line still waiting for its echo
   */
  long echoedLine(String clientId) {
    OutgoingLine line = takeInFlight(clientId);
    if (line != null) {
      holding &= !inFlight.isEmpty();
    } else if (clientId == null || (line = takeWaiting(clientId)) == null) {
      return 0;
    }
    delivered++;
    return line.number();
  }

  private OutgoingLine takeWaiting(String clientId) {
    for (Iterator<OutgoingLine> it = waiting.values().iterator(); it.hasNext(); ) {
      OutgoingLine line = it.next();
      if (clientId.equals(line.clientId())) {
        it.remove();
        return line;
      }
    }
    return null;
  }

  /**
   * The server refused a line and said why: the one with this id, or, when the server named
   * none, the oldest in flight, as it answers in order.
   */
  void refused(String clientId) {
    if (takeInFlight(clientId) != null) {
      refused++;
    }
  }

  /**
   * The connection dropped before the echoes of the lines in flight came.
   *
   * @param resumable whether the next connection resumes the session, so that they can be sent
   *     again, in their places among the lines still waiting; otherwise they may or may not have
   *     arrived
   * @return how many lines are in doubt
   */
  int connectionLost(boolean resumable) {
    int lost = inFlight.size();
    if (resumable) {
      inFlight.forEach(line -> waiting.put(line.number(), line));
    } else {
      unconfirmed += lost;
    }
    inFlight.clear();
    return lost;
  }

  /**
   * The place of the first line typed that has no outcome yet (waiting, or in flight), or
   * {@link Long#MAX_VALUE} when every line has one.
   */
  long firstUnsettled() {
    long first = waiting.isEmpty() ? Long.MAX_VALUE : waiting.firstKey();
    for (OutgoingLine line : inFlight) {
      first = Math.min(first, line.number());
    }
    return first;
  }

  /** Whether every line has an outcome. */
  boolean settled() {
    return waiting.isEmpty() && inFlight.isEmpty();
  }

  DeliveryReport report() {
    return new DeliveryReport(typed, delivered, refused, unconfirmed, inFlight.size(), waiting.size(), tooLong, dropped, inNoRoom);
  }
}
