package dev.termchat.client;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The lines typed in this session and what became of them: waiting to be sent, sent and waiting
 * for the server's echo, delivered (echoed), refused by the server, or unconfirmed (sent on a
 * connection that dropped before the echo came, so they may or may not have reached anyone).
 * Lines wait here while there is no connection and go out once there is one again.
 *
 * <p>Not thread-safe; the session guards it.
 */
final class Outbox {
  private final Deque<String> waiting = new ArrayDeque<>();
  private int inFlight;
  private int typed;
  private int delivered;
  private int refused;
  private int unconfirmed;
  private int tooLong;

  /** What became of every line, once the session is over. */
  record Report(int typed, int delivered, int refused, int unconfirmed, int unsent, int tooLong) {
    int undelivered() {
      return typed - delivered;
    }
  }

  void add(String line) {
    waiting.add(line);
    typed++;
  }

  /** A line too long to send at all; it was not. */
  void tooLong() {
    typed++;
    tooLong++;
  }

  boolean hasWaiting() {
    return !waiting.isEmpty();
  }

  /** Lines not yet sent. */
  int waiting() {
    return waiting.size();
  }

  /** Takes the next line to send; it is in flight from now on. */
  String takeNext() {
    inFlight++;
    return waiting.poll();
  }

  /** The server echoed one of this client's lines. */
  void echoed() {
    if (inFlight > 0) {
      inFlight--;
      delivered++;
    }
  }

  /** The server refused a line and said why. */
  void refused() {
    if (inFlight > 0) {
      inFlight--;
      refused++;
    }
  }

  /** The connection dropped: what was in flight may or may not have arrived. */
  void connectionLost() {
    unconfirmed += inFlight;
    inFlight = 0;
  }

  /** Whether every line has an outcome. */
  boolean settled() {
    return waiting.isEmpty() && inFlight == 0;
  }

  /** A number that changes whenever a line gets an outcome, to tell progress by. */
  int outcomes() {
    return delivered + refused + unconfirmed;
  }

  Report report() {
    return new Report(typed, delivered, refused, unconfirmed + inFlight, waiting.size(), tooLong);
  }
}
