package dev.termchat.client.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What Linux says about a process: CPU time used, write system calls made, resident memory.
 *
 * @param cpuTicks user plus system time, in clock ticks ({@code getconf CLK_TCK} a second)
 * @param writeCalls write-like system calls (write, writev, send...), from /proc/PID/io
 * @param rssKiB resident set size
 */
record ProcStats(long cpuTicks, long writeCalls, long rssKiB) {

  static ProcStats read(long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    return new ProcStats(
        cpuTicks(Files.readString(proc.resolve("stat"))),
        writeCalls(Files.readString(proc.resolve("io"))),
        rssKiB(Files.readString(proc.resolve("status"))));
  }

  /** Whether the process's figures can be read: it exists, and /proc lets this user read them. */
  static boolean readable(long pid) {
    try {
      read(pid);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** CPU time used since an earlier reading, in microseconds. */
  double cpuMicrosSince(ProcStats before, long ticksPerSecond) {
    return (cpuTicks - before.cpuTicks) * 1e6 / ticksPerSecond;
  }

  /** CLK_TCK, the unit of /proc's CPU times; 100 on every common Linux. */
  static long clockTicksPerSecond() throws InterruptedException {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String ticks = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
        return Long.parseLong(ticks);
      }
    } catch (IOException | NumberFormatException e) {
      // No getconf: fall back to the value every common Linux uses.
    }
    return 100;
  }

  /** utime and stime, fields 14 and 15; counted after the command name, which may hold spaces. */
  static long cpuTicks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // fields[0] is field 3 (state), so field N is fields[N - 3].
    return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
  }

  static long writeCalls(String io) {
    return field(io, "syscw:");
  }

  static long rssKiB(String status) {
    return field(status, "VmRSS:");
  }

  private static long field(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name)) {
        return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
      }
    }
    throw new IllegalArgumentException("no " + name + " in " + text);
  }
}
