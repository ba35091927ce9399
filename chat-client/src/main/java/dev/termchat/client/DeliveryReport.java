package dev.termchat.client;

import java.util.ArrayList;
import java.util.List;

/**
 * What became of every line typed in a session, once it is over, and how to say it in a line.
 *
 * @param unconfirmed lines sent on a connection that dropped before their echo came, to a server
 *     that cannot resume: they may or may not have reached anyone
 * @param unanswered lines sent whose answer had not come when the session ended
 * @param unsent lines never sent, or sent and to be sent again, when the session ended
 * @param dropped lines typed while too many already waited for a connection, and not kept
 * @param inNoRoom lines typed in no room, on a server with rooms, which went nowhere
 */
record DeliveryReport(
    int typed, int delivered, int refused, int unconfirmed, int unanswered, int unsent, int tooLong, int dropped, int inNoRoom) {
  /** A report with no line typed in no room, as on a server without rooms. */
  DeliveryReport(int typed, int delivered, int refused, int unconfirmed, int unanswered, int unsent, int tooLong, int dropped) {
    this(typed, delivered, refused, unconfirmed, unanswered, unsent, tooLong, dropped, 0);
  }

  int undelivered() {
    return typed - delivered;
  }

  /** Lines that had no outcome yet when the session ended: still to go, or still unanswered. */
  int outstanding() {
    return unanswered + unsent;
  }

  /** Which way each line that was not delivered went astray, for a script's log. */
  String wentAstray() {
    List<String> why = new ArrayList<>();
    if (tooLong > 0) {
      why.add(tooLong + " too long to send");
    }
    if (refused > 0) {
      why.add(refused + " refused by the server");
    }
    if (unconfirmed + unanswered > 0) {
      why.add(unconfirmed + unanswered + " not confirmed by the server before the connection ended");
    }
    if (unsent > 0) {
      why.add(unsent + " never sent, for want of a connection");
    }
    if (dropped > 0) {
      why.add(dropped + " typed while too many already waited for a connection");
    }
    if (inNoRoom > 0) {
      why.add(inNoRoom + " typed in no room");
    }
    return undelivered() + " of " + lines(typed) + " not delivered: " + String.join(", ", why);
  }

  /** What was still on its way when a person left, the one thing they could not have seen. */
  String stillOnItsWay() {
    List<String> why = new ArrayList<>();
    if (unsent > 0) {
      why.add(unsent + " still to send");
    }
    if (unanswered > 0) {
      why.add(unanswered + " sent but not yet confirmed by the server");
    }
    return lines(outstanding()) + " not delivered when you left: " + String.join(", ", why);
  }

  private static String lines(int count) {
    return count + (count == 1 ? " line" : " lines");
  }
}
