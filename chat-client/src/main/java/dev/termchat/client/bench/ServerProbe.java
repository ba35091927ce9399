package dev.termchat.client.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/** Reads the server process's figures from /proc, when the bench was told its pid. */
final class ServerProbe {
  private final OptionalLong pid;
  private final long ticksPerSecond;

  private ServerProbe(OptionalLong pid, long ticksPerSecond) {
    this.pid = pid;
    this.ticksPerSecond = ticksPerSecond;
  }

  /** A probe of the process with this pid, or one that reads nothing without a pid. */
  static ServerProbe of(OptionalLong pid) throws InterruptedException {
    return new ServerProbe(pid, pid.isPresent() ? ProcStats.clockTicksPerSecond() : 100);
  }

  /** The server's figures now, or null without a pid. */
  ProcStats sample() {
    if (pid.isEmpty()) {
      return null;
    }
    try {
      return ProcStats.read(pid.getAsLong());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc for pid " + pid.getAsLong(), e);
    }
  }

  /** CPU time the server used between two samples, in microseconds. */
  double cpuMicros(ProcStats before, ProcStats after) {
    return after.cpuMicrosSince(before, ticksPerSecond);
  }
}
