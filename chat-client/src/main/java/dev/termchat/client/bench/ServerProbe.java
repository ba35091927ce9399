package dev.termchat.client.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/** Reads the server process's figures from /proc, when the bench was told its pid. */
final class ServerProbe {
  private final OptionalLong pid;
  private final long ticksPerSecond;

  ServerProbe(OptionalLong pid, long ticksPerSecond) {
    this.pid = pid;
    this.ticksPerSecond = ticksPerSecond;
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
    return (after.cpuTicks() - before.cpuTicks()) * 1e6 / ticksPerSecond;
  }
}
