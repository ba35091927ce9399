package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The file limit as /proc/self/limits gives it, and the line the server starts with. */
class FileLimitTest {
  private static final String LIMITS = """
      Limit                     Soft Limit           Hard Limit           Units
      Max processes             unlimited            unlimited            processes
      Max open files            20000                20000                files
      Max locked memory         8388608              8388608              bytes
      """;

  @Test
  void theSoftAndHardLimitsOfOpenFilesAreRead() {
    assertEquals(new FileLimit(OptionalLong.of(20_000), OptionalLong.of(20_000)), FileLimit.parse(LIMITS));
    FileLimit unlimitedHard = FileLimit.parse("Max open files            1024                 unlimited            files\n");
    assertEquals(new FileLimit(OptionalLong.of(1024), OptionalLong.empty()), unlimitedHard);
    assertThrows(IllegalArgumentException.class, () -> FileLimit.parse("Max processes 1 1 processes\n"));
  }

  /** The cap, the sockets the edge holds beyond it in their handshake, and 128 files of its own fit the limit. */
  @Test
  void theConnectionsAndTheirHandshakesSpareFitTheLimitWithTheServersOwnFiles() {
    for (long soft : new long[] {256, 1000, 1024, 4096, 9000, 10_000, 20_000, 65_536, 1_048_576}) {
      long cap = new FileLimit(OptionalLong.of(soft), OptionalLong.of(soft)).connections().getAsLong();
      long handshakes = Math.min(dev.termchat.server.edge.EdgeSettings.MAX_HANDSHAKE_SPARE, Math.max(16, cap / 16));
      assertTrue(cap + handshakes + 128 <= soft, soft + ": " + cap + " + " + handshakes + " + 128");
    }
  }

  @Test
  void theBannerSaysWhatTheLimitAllowsAndWarnsOfACapAboveIt() {
    FileLimit limit = FileLimit.parse(LIMITS);
    assertEquals(OptionalLong.of(19_360), limit.connections(), "512 kept for sockets in their handshake, 128 for the server's own files");
    assertEquals(OptionalLong.of(832), new FileLimit(OptionalLong.of(1024), OptionalLong.empty()).connections(), "a sixteenth kept of a small limit");
    assertEquals("Open files: 20,000 at most (hard limit 20,000), room for 19,360 connections; the cap is 19,360 (--max-connections)",
        limit.banner(19_360));
    assertEquals("Open files: 20,000 at most (hard limit 20,000), room for 19,360 connections; the cap is 100,000 (--max-connections);"
        + " connections past 19,360 will fail: raise the limit (ulimit -n, LimitNOFILE)", limit.banner(100_000));
    assertEquals("Open files: limit unknown; the connection cap is 500 (--max-connections)",
        new FileLimit(OptionalLong.empty(), OptionalLong.empty()).banner(500));
  }
}
