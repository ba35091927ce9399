package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

  @Test
  void theBannerSaysWhatTheLimitAllowsAndWarnsOfACapAboveIt() {
    FileLimit limit = FileLimit.parse(LIMITS);
    assertEquals(OptionalLong.of(19_424), limit.connections(), "512 kept for sockets not yet admitted, 64 for the JVM's own");
    assertEquals(OptionalLong.of(896), new FileLimit(OptionalLong.of(1024), OptionalLong.empty()).connections(), "a sixteenth kept of a small limit");
    assertEquals("Open files: 20,000 at most (hard limit 20,000), room for 19,424 connections; the cap is 19,424 (--max-connections)",
        limit.banner(19_424));
    assertEquals("Open files: 20,000 at most (hard limit 20,000), room for 19,424 connections; the cap is 100,000 (--max-connections);"
        + " connections past 19,424 will fail: raise the limit (ulimit -n, LimitNOFILE)", limit.banner(100_000));
    assertEquals("Open files: limit unknown; the connection cap is 500 (--max-connections)",
        new FileLimit(OptionalLong.empty(), OptionalLong.empty()).banner(500));
  }
}
