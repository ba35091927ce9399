package dev.termchat.server.room;

import static dev.termchat.server.room.RoomSteps.closeRoom;
import static dev.termchat.server.room.RoomSteps.joinIn;
import static dev.termchat.server.room.RoomSteps.register;
import static dev.termchat.server.room.RoomSteps.skipTo;
import static dev.termchat.server.room.RoomSteps.startedRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.History;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Resumed;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a register is sent of what was said before is bounded in bytes too: 300 missed messages of
 * 4,000 control characters each were 8.5 MB for a register of a few hundred bytes.
 */
class CatchUpTest {
  private static final int LINES = RoomSettings.MAX_RESUME;
  private static final FrameCodec CODEC = new FrameCodec();

  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final ChatRoom room = startedRoom(RoomSettings.defaults(), new MutableClock(ChatRoomTest.NOW), fatal);
  private String lastSeen;

  @BeforeEach
  void fillTheHistoryWithTheLongestFrames() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    joinIn(room, alice, new Register("alice"));
    room.say(alice, "seen", false, null);
    lastSeen = skipTo(alice, ChatMessage.class).id();
    for (int i = 0; i < LINES; i++) {
      // Each control character is escaped twice on the wire: seven bytes for one.
      room.say(alice, i + ":" + "\u0001".repeat(3990), false, null);
    }
  }

  @AfterEach
  void close() {
    closeRoom(room, fatal);
  }

  @Test
  void aResumeIsSentTheLatestMissedThatFitAndToldOfTheGap() throws Exception {
    FakeMember again = FakeMember.extendedClient();
    joinIn(room, again, register("again", "resume=" + lastSeen));
    Resumed resumed = again.next(Resumed.class);
    assertFalse(resumed.complete());
    assertTrue(resumed.count() > 0 && resumed.count() < LINES, "count " + resumed.count());
    assertLatestWithinTheBytes(again, resumed.count());
  }

  @Test
  void historyIsTheLatestThatFit() throws Exception {
    FakeMember newcomer = FakeMember.extendedClient();
    joinIn(room, newcomer, new Register("newcomer"));
    int count = 0;
    long bytes = 0;
    String last = null;
    for (String text = newcomer.nextText(); CODEC.decodeServerFrame(text) instanceof History entry; text = newcomer.nextText()) {
      bytes += text.getBytes(StandardCharsets.UTF_8).length;
      count++;
      last = entry.entry().message();
    }
    assertTrue(last != null && last.startsWith((LINES - 1) + ":"), "the latest last");
    assertTrue(count > 0 && count < RoomSettings.JOIN_HISTORY, "count " + count);
    assertTrue(bytes <= RoomSettings.MAX_CATCH_UP_BYTES, bytes + " bytes");
  }

  /** The next {@code count} frames are the latest lines, in order, within the bytes a catch-up may take. */
  private static void assertLatestWithinTheBytes(FakeMember member, int count) throws Exception {
    long bytes = 0;
    for (int i = LINES - count; i < LINES; i++) {
      String text = member.nextText();
      bytes += text.getBytes(StandardCharsets.UTF_8).length;
      ChatMessage message = assertInstanceOf(ChatMessage.class, CODEC.decodeServerFrame(text));
      assertEquals(i + ":", message.message().substring(0, message.message().indexOf(':') + 1));
    }
    assertTrue(bytes <= RoomSettings.MAX_CATCH_UP_BYTES, bytes + " bytes");
  }
}
