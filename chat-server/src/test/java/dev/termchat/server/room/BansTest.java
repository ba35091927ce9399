package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.NameKeys;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bans in force until their end, within their bounds. */
class BansTest {
  private final Bans bans = new Bans();

  private static BanTarget target(String text) {
    return BanTarget.parse(text).orElseThrow();
  }

  @Test
  void aBanHoldsUntilItsEndAndIsThenForgotten() {
    bans.add(new Bans.Ban(Bans.SERVER, target("mallory"), "root", "", 1000));
    assertTrue(bans.find(Bans.SERVER, NameKeys.keyOf("mallory"), "203.0.113.5", 999).isPresent());
    assertEquals(Optional.empty(), bans.find(Bans.SERVER, NameKeys.keyOf("mallory"), "203.0.113.5", 1000));
    assertEquals(Optional.empty(), bans.find("#dev", NameKeys.keyOf("mallory"), "203.0.113.5", 0), "a server ban is no room's");
    assertEquals(1, bans.expire(1000).size());
    assertEquals(Optional.empty(), bans.find(Bans.SERVER, NameKeys.keyOf("mallory"), "203.0.113.5", 0));
  }

  @Test
  void aRoomKeepsAtMostItsBoundOfBansButABanMayAlwaysBeMadeAnew() {
    for (int i = 0; i < Bans.MAX_PER_ROOM; i++) {
      BanTarget next = target("user" + i);
      assertEquals(Optional.empty(), bans.refusal("#dev", next));
      bans.add(new Bans.Ban("#dev", next, "ann", "", 0));
    }
    assertTrue(bans.refusal("#dev", target("one-more")).orElseThrow().contains("500 bans"));
    assertEquals(Optional.empty(), bans.refusal("#dev", target("user7")), "in place of its old one");
    assertEquals(Optional.empty(), bans.refusal("#ops", target("one-more")));
  }
}
