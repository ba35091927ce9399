package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.termchat.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Room events as a shared log carries them: golden fields, and every event back to itself. */
class RoomEventCodecTest {
  private final RoomEventCodec codec = new RoomEventCodec();
  private final Who who = new Who("node-a", 42);

  @Test
  void aJoinCarriesEverythingANodeNeedsToApplyIt() {
    RoomEvent join =
        new RoomEvent.Join(
            who, "alice", "127.0.0.1:49123", Dialect.EXTENDED, 50, "1-7",
            new ResumeToken("s1", "old"), new ResumeToken("s1", "new"));
    Map<String, String> fields = codec.encode(join);
    assertEquals(
        List.of("type", "node", "conn", "name", "address", "dialect", "history", "resume", "presented", "issued"),
        List.copyOf(fields.keySet()),
        "a fixed order");
    assertEquals(
        Map.of(
            "type", "join", "node", "node-a", "conn", "42", "name", "alice", "address", "127.0.0.1:49123",
            "dialect", "extended", "history", "50", "resume", "1-7", "presented", "s1.old", "issued", "s1.new"),
        fields);
    assertEquals(join, codec.decode(fields));
  }

  @Test
  void aMadeRoomsLineCarriesWhatItsSendersNodeJudged() {
    RoomEvent line = new RoomEvent.Line(who, "#dev", "alice", null, "ship it", true, "c3", "1764151200000-40");
    Map<String, String> fields = codec.encode(line);
    assertEquals(List.of("type", "node", "conn", "room", "name", "text", "action", "cid", "at"), List.copyOf(fields.keySet()), "a fixed order");
    assertEquals(
        Map.of("type", "line", "node", "node-a", "conn", "42", "room", "#dev", "name", "alice", "text", "ship it", "action", "1", "cid", "c3",
            "at", "1764151200000-40"),
        fields);
    assertEquals(line, codec.decode(fields));
    RoomEvent shared = new RoomEvent.Line(who, "#dev", "bob", "[::1]:2", "hi", false, null, "0-0");
    assertEquals(shared, codec.decode(codec.encode(shared)));
  }

  @Test
  void aModerationRequestCarriesItsActRoomTargetAndReason() {
    RoomEvent ban = new RoomEvent.Moderate(who, "ban", "#dev", "203.0.113.0/24", 3600, "spam", true);
    Map<String, String> fields = codec.encode(ban);
    assertEquals(List.of("type", "node", "conn", "act", "room", "target", "secs", "reason", "srv"), List.copyOf(fields.keySet()), "a fixed order");
    assertEquals(
        Map.of("type", "moderate", "node", "node-a", "conn", "42", "act", "ban", "room", "#dev", "target", "203.0.113.0/24", "secs", "3600",
            "reason", "spam", "srv", "1"),
        fields);
    assertEquals(ban, codec.decode(fields));
    RoomEvent mute = new RoomEvent.Moderate(who, "mute", "#dev", null, 0, "", false);
    assertEquals(Map.of("type", "moderate", "node", "node-a", "conn", "42", "act", "mute", "room", "#dev", "secs", "0"), codec.encode(mute));
    assertEquals(mute, codec.decode(codec.encode(mute)));
  }

  @Test
  void absentValuesAreAbsentFields() {
    RoomEvent guest = new RoomEvent.Join(who, null, "[::1]:2", Dialect.PLAIN, 0, null, null, null);
    assertEquals(
        Map.of("type", "join", "node", "node-a", "conn", "42", "address", "[::1]:2", "dialect", "plain", "history", "0"),
        codec.encode(guest));
    assertEquals(guest, codec.decode(codec.encode(guest)));
  }

  @Test
  void everyEventComesBackAsItself() {
    List<RoomEvent> events =
        List.of(
            new RoomEvent.Say(who, "héllo \"\n", false, null),
            new RoomEvent.Say(who, "waves", true, "c7"),
            new RoomEvent.Whisper(who, "bob", "psst", "c8"),
            new RoomEvent.Rename(who, "alicia"),
            new RoomEvent.Refuse(who, ErrorCode.RATE_LIMITED, "slow down", null),
            new RoomEvent.Refuse(who, ErrorCode.UNAVAILABLE, "later", "c9"),
            new RoomEvent.Roster(new Who("node-a", 0), List.of(), null, true),
            new RoomEvent.Roster(
                new Who("node-a", 0),
                List.of(new RoomEvent.Present(42, "al\"ice", "[::1]:2", Dialect.EXTENDED), new RoomEvent.Present(7, "bob", "b:1", Dialect.BASE)),
                "17-3",
                false),
            new RoomEvent.Leave(who, "connection lost", false),
            new RoomEvent.Leave(who, "close code 1000", true),
            new RoomEvent.Say(who, "ship it", false, "c10", "#dev"),
            new RoomEvent.Enter(who, "#dev", 20, "17-4", false),
            new RoomEvent.Enter(who, "#ops", 0, null, true),
            new RoomEvent.Exit(who, "#dev"),
            new RoomEvent.SetTopic(who, "#dev", "release \"Friday\""),
            new RoomEvent.Roster(
                new Who("node-a", 0),
                List.of(new RoomEvent.Present(42, "carol", "b:2", Dialect.ROOMS, List.of("#general", "#dev"))),
                "17-5",
                false));
    for (RoomEvent event : events) {
      assertEquals(event, codec.decode(codec.encode(event)), event.toString());
    }
    assertEquals(
        Map.of("type", "say", "node", "node-a", "conn", "42", "text", "waves", "action", "1", "cid", "c7"),
        codec.encode(events.get(1)));
  }

  @Test
  void aRosterListsANodesUsersInOneJsonField() {
    RoomEvent roster =
        new RoomEvent.Roster(
            new Who("node-a", 0), List.of(new RoomEvent.Present(42, "al\"ice", "127.0.0.1:5", Dialect.EXTENDED)), "9-1", true);
    assertEquals(
        Map.of(
            "type", "roster", "node", "node-a", "conn", "0",
            "present", "[[42,\"al\\\"ice\",\"127.0.0.1:5\",\"extended\"]]", "asof", "9-1", "ask", "1"),
        codec.encode(roster));
  }

  @Test
  void aRostersRoomsClientNamesItsRoomsAfterItsDialect() {
    RoomEvent roster =
        new RoomEvent.Roster(
            new Who("node-a", 0), List.of(new RoomEvent.Present(3, "carol", "127.0.0.1:5", Dialect.ROOMS, List.of("#dev"))), null, false);
    assertEquals(
        Map.of("type", "roster", "node", "node-a", "conn", "0", "present", "[[3,\"carol\",\"127.0.0.1:5\",\"rooms\",[\"#dev\"]]]"),
        codec.encode(roster));
  }

  @Test
  void aRosterThatIsNotOneIsRefused() {
    for (String present : List.of("", "{}", "[1]", "[[1,\"a\",\"b\"]]", "[[\"x\",\"a\",\"b\",\"base\"]]", "[[1,\"a\",\"b\",\"klingon\"]]",
        "[[1,\"a\",\"b\",\"rooms\",[7]]]", "[[1,\"a\",\"b\",\"rooms\",[],6]]")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> codec.decode(Map.of("type", "roster", "node", "n", "conn", "0", "present", present)),
          present);
    }
  }

  @Test
  void aSealedTokenKeepsItsSessionAndHidesItsSecret() {
    ResumeToken token = new ResumeToken("s1", "secret");
    ResumeToken sealed = token.sealed();
    assertEquals("s1", sealed.session());
    assertEquals("K7gNU3sdo-OL0wNhqoVWhr3g6s1xYv72ol_pe_Unols", sealed.secret(), "SHA-256, base64url");
    assertEquals(sealed, new ResumeToken("s1", "secret").sealed());
  }

  @Test
  void aPresentedTokenThatIsNoTokenStaysOneThatMatchesNothing() {
    Map<String, String> fields =
        Map.of("type", "join", "node", "n", "conn", "1", "address", "a:1", "dialect", "extended", "history", "0",
            "presented", "garbage");
    assertEquals(ResumeToken.UNKNOWN, ((RoomEvent.Join) codec.decode(fields)).presented());
  }

  @Test
  void whatThisCodecDoesNotWriteIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> codec.decode(Map.of("type", "dance", "node", "n", "conn", "1")));
    assertThrows(
        IllegalArgumentException.class,
        () -> codec.decode(Map.of("type", "join", "node", "n", "conn", "1", "address", "a:1", "dialect", "extended", "history", "-5")));
    assertThrows(IllegalArgumentException.class, () -> codec.decode(Map.of("type", "say", "node", "n", "conn", "x")));
    assertThrows(IllegalArgumentException.class, () -> codec.decode(Map.of("type", "say", "node", "n", "conn", "1")));
    assertThrows(
        IllegalArgumentException.class,
        () -> codec.decode(Map.of("type", "refuse", "node", "n", "conn", "1", "code", "nope", "reason", "r")));
  }
}
