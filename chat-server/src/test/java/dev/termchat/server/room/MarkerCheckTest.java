package dev.termchat.server.room;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.termchat.protocol.Register;
import dev.termchat.protocol.Users;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link RoomSteps#assertNoMoreFramesBeforeMarker} fails for a frame the room is about to send. */
class MarkerCheckTest {
  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final ChatRoom room = RoomSteps.startedRoom(RoomSettings.defaults(), new MutableClock(Instant.EPOCH), fatal);

  @AfterEach
  void close() {
    RoomSteps.closeRoom(room, fatal);
  }

  @Test
  void aFrameTheRoomIsStillToSendIsCaught() throws Exception {
    FakeMember alice = FakeMember.baseClient();
    RoomSteps.joinIn(room, alice, new Register("alice"));
    RoomSteps.skipTo(alice, Users.class);
    room.say(alice, "not yet applied, perhaps", false, null);
    assertThrows(AssertionError.class, () -> RoomSteps.assertNoMoreFramesBeforeMarker(room, alice));
  }

  @Test
  void itPassesWhenNothingElseComes() throws Exception {
    FakeMember alice = FakeMember.baseClient();
    RoomSteps.joinIn(room, alice, new Register("alice"));
    RoomSteps.skipTo(alice, Users.class);
    RoomSteps.assertNoMoreFramesBeforeMarker(room, alice);
  }
}
