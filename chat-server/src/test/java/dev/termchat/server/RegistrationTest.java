package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistrationTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture();

  @Test
  void aNameClashGetsTheFirstFreeSuffixComparedCaseInsensitively() throws Exception {
    assertEquals("alice", register(chat.connect(), "alice"));
    assertEquals("ALICE-2", register(chat.connect(), "ALICE"));
    assertEquals("Alice-3", register(chat.connect(), "Alice"));
    assertEquals(List.of("alice", "ALICE-2", "Alice-3"), chat.server().users());
  }

  @Test
  void anEmptyOrMissingNameGetsAGuestName() throws Exception {
    String empty = register(chat.connect(), "");
    String missing = register(chat.connect(), null);
    WebSocketRecorder blank = chat.connect();
    blank.send("{\"messageType\":\"register\",\"dataArray\":null,\"data\":\"   \"}");
    String spaces = blank.nextFrame(Register.class).name();

    for (String name : List.of(empty, missing, spaces)) {
      assertTrue(name.matches("guest-\\d{4}"), name);
    }
    assertEquals(3, List.of(empty, missing, spaces).stream().distinct().count());
  }

  @Test
  void aNameIsTrimmed() throws Exception {
    assertEquals("bob", register(chat.connect(), "  bob  "));
  }

  @Test
  void aMessageBeforeRegisterIsNotBroadcast() throws Exception {
    WebSocketRecorder alice = chat.connect();
    register(alice, "alice");
    WebSocketRecorder stranger = chat.connect();

    stranger.send(new SendMessage("sneaky"));
    stranger.send(new Register("stranger"));
    // One connection's frames reach the room in order: had the message been broadcast, alice
    // would get it before the users list that the stranger's later register causes, and the
    // stranger would get it before its register reply.
    assertEquals("stranger", stranger.nextFrame(Register.class).name());
    assertEquals(new Users(List.of("alice", "stranger")), alice.nextFrame(Users.class));
  }

  @Test
  void aSecondRegisterIsIgnored() throws Exception {
    WebSocketRecorder alice = chat.connect();
    register(alice, "alice");
    alice.send(new Register("mallory"));
    alice.send(new SendMessage("still alice"));

    ChatMessage message = alice.nextFrame(ChatMessage.class);
    assertEquals("alice", message.from());
    assertEquals(List.of("alice"), chat.server().users());
  }

  @Test
  void aNameIsFreeAgainOnceItsOwnerLeft() throws Exception {
    WebSocketRecorder first = chat.connect();
    WebSocketRecorder watcher = chat.connect();
    register(first, "alice");
    register(watcher, "watcher");
    first.closeBlocking();
    assertEquals(new Users(List.of("watcher")), watcher.nextFrame(Users.class));

    assertEquals("alice", register(chat.connect(), "alice"));
    assertEquals(List.of("watcher", "alice"), chat.server().users());
  }
}
