package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Moderation;
import dev.termchat.protocol.ModerationAct;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * /names marks ranks as IRC does: {@code @} for the room's owner and operators, {@code +} for
 * voiced members, from the server's answer to the join, then as moderation notices change them.
 */
class RoomRanksTest {
  private final FakeSession session = new FakeSession("carol", URI.create("ws://a.example"));

  private Optional<List<String>> names() {
    return session.parts.frames.rooms().membersMarked();
  }

  @Test
  void theJoinsAnswerMarksEachRankAndModerationNoticesChangeThem() {
    session.start();
    session.open();
    session.receive(
        new Welcome(Wire.SUBPROTOCOL, List.of(Wire.CAPABILITY_ROOMS)),
        new Register("carol", List.of()),
        new Join("#team", List.of("at=1-1", "op=alice", "voice=bob")),
        new InRoom("#team", new Users(List.of("alice", "bob", "dave"))));
    assertEquals(Optional.of(List.of("@alice", "+bob", "dave", "carol")), names());

    session.receive(
        new Moderation("#team", ModerationAct.OP, "alice", "dave", "", 0, 0),
        new Moderation("#team", ModerationAct.DEVOICE, "alice", "bob", "", 0, 0));
    assertEquals(Optional.of(List.of("@alice", "bob", "@dave", "carol")), names());

    session.receive(new InRoom("#team", new Renamed("dave", "dave2")));
    assertEquals(Optional.of(List.of("@alice", "bob", "@dave2", "carol")), names(), "the mark follows the rename");
  }
}
