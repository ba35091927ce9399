package dev.termchat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Wire;
import dev.termchat.server.room.Dialect;
import dev.termchat.server.room.LogEntry;
import dev.termchat.server.room.ResumeToken;
import dev.termchat.server.room.RoomEvent;
import dev.termchat.server.room.RoomEventCodec;
import dev.termchat.server.room.Who;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every field a room event is encoded into has a bound, and what clients may send stays within it. */
class EntryLimitsTest {
  private static final int MAX_MESSAGE = 4000;
  private final EntryLimits limits = new EntryLimits(MAX_MESSAGE, 3, 1);
  private final RoomEventCodec codec = new RoomEventCodec();
  /** The largest each field may legitimately be: a name at the edge's bound, a message of 4-byte characters. */
  private final Who who = new Who("0123456789ab", Long.MAX_VALUE);
  private final String name = "n".repeat(NameRules.MAX_RAW_LENGTH + 1);
  private final String text = "\uD83D\uDE00".repeat(MAX_MESSAGE);
  private final String cid = "c".repeat(Wire.MAX_CLIENT_ID_CHARS);
  private final String address = "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535";

  @Test
  void everyKindOfEventAtItsLargestIsWithinBounds() {
    ResumeToken token = ResumeToken.parse("s".repeat(31) + "." + "t".repeat(32)).orElseThrow().sealed();
    String id = "18446744073709551615-18446744073709551615";
    assertEquals(LogEntry.MAX_ID_CHARS, id.length());
    String longestName = "\uD83D\uDE00".repeat(NameRules.MAX_LENGTH);
    List<RoomEvent> events =
        List.of(
            new RoomEvent.Join(who, name, address, Dialect.EXTENDED, 50, id, token, token),
            new RoomEvent.Say(who, text, true, cid),
            new RoomEvent.Whisper(who, name, text, cid),
            new RoomEvent.Rename(who, name),
            new RoomEvent.Moderate(who, "devoice", "#" + "r".repeat(64), name, Integer.MAX_VALUE, "\uD83D\uDE00".repeat(390), true),
            new RoomEvent.Refuse(who, ErrorCode.MESSAGE_TOO_LONG, "a message is at most 4000 characters", cid),
            new RoomEvent.Leave(who, "close code 4999: " + "\\u{1F600}".repeat(123), true),
            new RoomEvent.Roster(
                who,
                Collections.nCopies(3, new RoomEvent.Present(Long.MAX_VALUE, longestName, address, Dialect.PLAIN)),
                id,
                true));
    for (RoomEvent event : events) {
      assertEquals(Optional.empty(), limits.problem(codec.encode(event)), event.getClass().getSimpleName());
    }
  }

  @Test
  void aFieldPastItsBoundOrWithoutOneIsAProblem() {
    Map<String, String> join = codec.encode(new RoomEvent.Join(who, "alice", address, Dialect.EXTENDED, 50, "9".repeat(60_000), null, null));
    assertTrue(limits.problem(join).orElseThrow().startsWith("field resume holds 60000 characters"));
    Map<String, String> roster =
        codec.encode(new RoomEvent.Roster(who, Collections.nCopies(30, new RoomEvent.Present(1, name, address, Dialect.BASE)), null, false));
    assertTrue(limits.problem(roster).isPresent(), "thirty users with long names from a node of three connections");
    assertEquals(Optional.of("field mystery has no bound"), limits.problem(Map.of("mystery", "")));
  }

  @Test
  void anEntrysSizeIsItsBytesAndAQuarterMore() {
    assertEquals(4 + 3 + 1 + 32, EntryLimits.bytes(Map.of("type", "say")));
    // 16 bytes of text in four 4-byte characters, and 2 bytes for é: 4 + 18 = 22, a quarter more and 32.
    assertEquals(22 + 5 + 32, EntryLimits.bytes(Map.of("text", "\uD83D\uDE00".repeat(4) + "é")));
  }
}
