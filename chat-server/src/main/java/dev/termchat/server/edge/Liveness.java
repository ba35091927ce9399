package dev.termchat.server.edge;

import java.time.Duration;

/**
 * Whether an open connection is alive: it registers within its time, and answers the pings sent
 * every interval with something (any byte counts) before the next. On the I/O thread's clock,
 * which tests move. Confined to the I/O thread.
 */
final class Liveness {
  /** What is due at a tick. */
  enum Due {
    NOTHING,
    /** Time for a ping. */
    PING,
    /** Nothing heard since the last ping, an interval ago: the peer is gone. */
    NO_ANSWER,
    /** The client has not sent its register frame in time. */
    NOT_REGISTERED
  }

  private final long pingIntervalNanos;
  private final long registerBy;

  // Confined to the I/O thread.
  private long lastHeard;
  private long nextPing;
  private long pingSent;
  private boolean pinged;

  Liveness(Duration pingInterval, Duration registrationTimeout, long now) {
    this.pingIntervalNanos = pingInterval.toNanos();
    this.registerBy = now + registrationTimeout.toNanos();
    this.lastHeard = now;
    this.nextPing = now + pingIntervalNanos;
  }

  /** Bytes arrived from the peer. */
  void heard(long now) {
    lastHeard = now;
  }

  /** What is due now; a ping is taken as sent when this says it is due. */
  Due check(long now, boolean registerSent) {
    if (!registerSent && now - registerBy > 0) {
      return Due.NOT_REGISTERED;
    }
    if (now - nextPing < 0) {
      return Due.NOTHING;
    }
    if (pinged && lastHeard - pingSent < 0) {
      return Due.NO_ANSWER;
    }
    pinged = true;
    pingSent = now;
    nextPing = now + pingIntervalNanos;
    return Due.PING;
  }
}
