package dev.termchat.client.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of live objects in a JVM on this machine, as {@code jcmd PID GC.class_histogram}
 * counts them after the full collection it makes: garbage is not counted, so the difference
 * between two readings is what was kept.
 */
final class HeapProbe {
  private final long pid;
  private final Path jcmd;

  HeapProbe(long pid) {
    this.pid = pid;
    this.jcmd = ProcessHandle.current().info().command()
        .map(java -> Path.of(java).resolveSibling("jcmd"))
        .filter(Files::isExecutable)
        .orElse(Path.of("jcmd"));
  }

  /** Live bytes now. */
  long liveBytes() throws IOException, InterruptedException {
    Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
        .redirectErrorStream(true)
        .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " GC.class_histogram failed: " + out.strip());
    }
    // The last line: "Total  <instances>  <bytes>".
    for (String line : out.strip().split("\n")) {
      String[] words = line.trim().split("\\s+");
      if (words.length == 3 && words[0].equals("Total")) {
        return Long.parseLong(words[2]);
      }
    }
    throw new IOException("jcmd " + pid + " GC.class_histogram printed no total: " + out.strip());
  }
}
