package dev.termchat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.History;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RoomMember;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A server with a store, restarted: a made room's lines come back to whoever enters it. */
class StoreRoomsTest {
  @TempDir Path data;

  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.data(data));

  @Test
  void aMadeRoomsLinesComeBackAfterARestart() throws Exception {
    RoomMember alice = RoomMember.join(chat, "alice", "#general,#dev");
    alice.say("#dev", "said in dev before the restart");
    alice.say("#general", "said in general before the restart");

    chat.restart();

    RoomMember bob = RoomMember.join(chat, "bob", "#general,#dev");
    // In the order of the rooms registered: a frame of another room is skipped while waiting.
    assertEquals("said in general before the restart", bob.next("#general", History.class).entry().message());
    ChatMessage inDev = bob.next("#dev", History.class).entry();
    assertEquals("said in dev before the restart", inDev.message());
    assertEquals("alice", inDev.from());
  }
}
