package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertTrue(bans.find(Bans.SERVER, BanNames.lazily("mallory"), "203.0.113.5", 999).isPresent());
    assertEquals(Optional.empty(), bans.find(Bans.SERVER, BanNames.lazily("mallory"), "203.0.113.5", 1000));
    assertEquals(Optional.empty(), bans.find("#dev", BanNames.lazily("mallory"), "203.0.113.5", 0), "a server ban is no room's");
    assertEquals(1, bans.expire(1000).size());
    assertEquals(Optional.empty(), bans.find(Bans.SERVER, BanNames.lazily("mallory"), "203.0.113.5", 0));
  }

  @Test
  void aRoomKeepsAtMostItsBoundOfBansButABanMayAlwaysBeMadeAnew() {
    for (int i = 0; i < Bans.MAX_PER_ROOM; i++) {
      BanTarget next = target("user" + i);
      assertEquals(Optional.empty(), bans.refusal("#dev", next, true));
      bans.add(new Bans.Ban("#dev", next, "ann", "", 0));
    }
    assertTrue(bans.refusal("#dev", target("one-more"), true).orElseThrow().contains("500 bans"));
    assertEquals(Optional.empty(), bans.refusal("#dev", target("user7"), true), "in place of its old one");
    assertEquals(Optional.empty(), bans.refusal("#ops", target("one-more"), true));
  }

  @Test
  void roomsFullOfBansLeaveTheServerItsOwnBudget() {
    // Guests who make rooms own them: rooms' bans, however many, must not use up the server's.
    fillRooms(Bans.MAX_ROOM_BANS);
    assertEquals(Optional.empty(), bans.refusal(Bans.SERVER, target("mallory"), true));
    String refused = bans.refusal("#another", target("mallory"), true).orElseThrow();
    assertTrue(refused.contains(Bans.MAX_ROOM_BANS + " bans of rooms"), refused);
    for (int i = 0; i < Bans.MAX_SERVER_BANS; i++) {
      bans.add(new Bans.Ban(Bans.SERVER, target("server" + i), "root", "", 0));
    }
    assertTrue(bans.refusal(Bans.SERVER, target("mallory"), true).orElseThrow().contains(Bans.MAX_SERVER_BANS + " bans of its own"));
  }

  @Test
  void roomsNoAccountOwnsKeepFewBansAndLeaveAccountsRoomsTheirShare() {
    for (int i = 0; i < Bans.MAX_PER_GUEST_ROOM; i++) {
      bans.add(new Bans.Ban("#guests", target("user" + i), "guest-1", "", 0));
    }
    String perRoom = bans.refusal("#guests", target("one-more"), false).orElseThrow();
    assertTrue(perRoom.contains(Bans.MAX_PER_GUEST_ROOM + " bans"), perRoom);
    assertEquals(Optional.empty(), bans.refusal("#guests", target("one-more"), true), "once an account owns it, its wider bound");

    fillRooms(Bans.MAX_ROOM_BANS - Bans.KEPT_FOR_ACCOUNTS_ROOMS - Bans.MAX_PER_GUEST_ROOM);
    String all = bans.refusal("#fresh", target("mallory"), false).orElseThrow();
    assertTrue(all.contains((Bans.MAX_ROOM_BANS - Bans.KEPT_FOR_ACCOUNTS_ROOMS) + " bans of rooms no account owns"), all);
    assertEquals(Optional.empty(), bans.refusal("#fresh", target("mallory"), true), "an account's room still bans");
  }

  private void fillRooms(int count) {
    for (int i = 0; i < count; i++) {
      bans.add(new Bans.Ban("#room" + i / Bans.MAX_PER_ROOM, target("user" + i), "guest-1234", "", 0));
    }
  }

  @Test
  void aNamesFormsAreMadeOnlyWhenABanOfANameIsThereToCompare() {
    bans.add(new Bans.Ban(Bans.SERVER, target("203.0.113.0/24"), "root", "", 0));
    java.util.function.Supplier<java.util.Set<String>> never = () -> {
      throw new AssertionError("the name's forms were made with no ban of a name to compare");
    };
    assertTrue(bans.find(Bans.SERVER, never, "203.0.113.5", 0).isPresent());
    assertEquals(Optional.empty(), bans.find("#dev", never, "198.51.100.1", 0));
  }
}
