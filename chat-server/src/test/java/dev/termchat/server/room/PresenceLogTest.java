package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.Presence;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceLogTest {
  private final PresenceLog log = new PresenceLog();

  @Test
  void runsKeepTheOrderInTheFewestFrames() {
    log.joined("a");
    log.joined("b");
    log.left("c");
    log.joined("d");
    assertEquals(
        List.of(Presence.joined(List.of("a", "b")), Presence.left(List.of("c")), Presence.joined(List.of("d"))),
        log.drain());
    assertEquals(List.of(), log.drain());
  }

  @Test
  void someoneWhoCameAndWentBetweenTwoListsIsStillReported() {
    log.joined("flash");
    log.left("flash");
    assertEquals(List.of(Presence.joined(List.of("flash")), Presence.left(List.of("flash"))), log.drain());
  }
}
