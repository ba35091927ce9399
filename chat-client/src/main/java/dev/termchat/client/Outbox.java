package dev.termchat.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The lines typed in this session and what became of them: waiting to be sent, sent and waiting
 * for the server's echo, delivered (echoed), refused by the server, or unconfirmed (sent on a
 * connection that dropped before the echo came, to a server that cannot resume, so they may or
 * may not have reached anyone). Lines wait here while there is no connection and go out once
 * there is one again. To a server that resumes sessions, lines whose echo did not come before
 * the connection dropped wait again, to be sent once more under the same id; the server says
 * each only once.
 *
 * <p>Not thread-safe; the session guards it.
 */
final class Outbox {
  private final Deque<OutgoingLine> waiting = new ArrayDeque<>();
  /** Lines the server could not take just then (unavailable), to go again before the rest. */
  private final Deque<OutgoingLine> retrying = new ArrayDeque<>();
  private final Deque<OutgoingLine> inFlight = new ArrayDeque<>();
  private long lastId;
  private int typed;
  private int delivered;
  private int refused;
  private int unconfirmed;
  private int tooLong;
  private int dropped;

  /** What became of every line, once the session is over. */
  record Report(int typed, int delivered, int refused, int unconfirmed, int unsent, int tooLong, int dropped) {
    int undelivered() {
      return typed - delivered;
    }
  }

  void add(OutgoingLine.Kind kind, String to, String text) {
    waiting.add(new OutgoingLine("c" + ++lastId, kind, to, text));
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

  boolean hasWaiting() {
    return !retrying.isEmpty() || !waiting.isEmpty();
  }

  /** Lines not yet sent, or to be sent again. */
  int waiting() {
    return retrying.size() + waiting.size();
  }

  /** Whether the next line to send is one the server could not take before. */
  boolean nextIsRetry() {
    return !retrying.isEmpty();
  }

  /** The next line to send; it stays waiting. */
  OutgoingLine peekNext() {
    return retrying.isEmpty() ? waiting.peek() : retrying.peek();
  }

  /** The next line cannot be sent to this server at all; it is given up, as if refused. */
  void unsendable() {
    if (retrying.poll() == null) {
      waiting.poll();
    }
    refused++;
  }

  /** Takes the next line to send; it is in flight from now on. */
  OutgoingLine takeNext() {
    OutgoingLine line = retrying.isEmpty() ? waiting.poll() : retrying.poll();
    inFlight.add(line);
    return line;
  }

  /**
   * The server could not take a line just now (its shared log was out of reach): the one with
   * this id, or the oldest in flight when the server named none. It goes again, in order with the
   * others it could not take, before any new line.
   */
  void unavailable(String clientId) {
    OutgoingLine line = takeInFlight(clientId);
    if (line != null) {
      retrying.addLast(line);
    }
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
   * oldest in flight when the server gives no ids.
   *
   * @return whether it was a line still waiting for its echo
   */
  boolean echoed(String clientId) {
    if (clientId == null) {
      if (inFlight.poll() == null) {
        return false;
      }
    } else if (!remove(inFlight, clientId) && !remove(retrying, clientId) && !remove(waiting, clientId)) {
      return false;
    }
    delivered++;
    return true;
  }

  private static boolean remove(Deque<OutgoingLine> lines, String clientId) {
    for (Iterator<OutgoingLine> it = lines.iterator(); it.hasNext(); ) {
      if (clientId.equals(it.next().clientId())) {
        it.remove();
        return true;
      }
    }
    return false;
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
   *     again, ahead of the lines still waiting; otherwise they may or may not have arrived
   * @return how many lines are in doubt
   */
  int connectionLost(boolean resumable) {
    int lost = inFlight.size();
    if (resumable) {
      while (!inFlight.isEmpty()) {
        waiting.addFirst(inFlight.pollLast());
      }
    } else {
      unconfirmed += lost;
      inFlight.clear();
    }
    // Lines the server could not take were not said: they go first on the next connection.
    while (!retrying.isEmpty()) {
      waiting.addFirst(retrying.pollLast());
    }
    return lost;
  }

  /** Whether every line has an outcome. */
  boolean settled() {
    return waiting.isEmpty() && retrying.isEmpty() && inFlight.isEmpty();
  }

  Report report() {
    return new Report(
        typed, delivered, refused, unconfirmed + inFlight.size(), waiting.size() + retrying.size(), tooLong, dropped);
  }
}
