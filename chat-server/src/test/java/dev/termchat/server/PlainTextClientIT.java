package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plain-text client, as the seed's Rust chat speaks it, written with Python's websockets (a
 * client no one here wrote), chatting with a client shaped like YewChat.
 */
class PlainTextClientIT {
  /** Debian's python3, which has python3-websockets; not a python of someone's own first in PATH. */
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path CLIENT = Path.of("src/test/python/plain_chat_client.py");

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  @Test
  void aPlainTextClientAndAYewChatClientChat() throws Exception {
    assertTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 with python3-websockets (see README, Tests)");
    WebSocketRecorder yew = chat.connect();
    register(yew, "yew");

    try (RunningProcess plain = RunningProcess.start(List.of(PYTHON.toString(), CLIENT.toString(), chat.uri().toString()))) {
      plain.awaitStdout("^\\* open$");
      plain.typeLine("hello from plain text");

      // The plain client joins under a guest name, which yew learns before its message.
      Users users = yew.nextFrame(Users.class);
      assertEquals(2, users.names().size());
      String guest = users.names().get(1);
      ChatMessage message = yew.nextFrame(ChatMessage.class);
      assertEquals(guest, message.from());
      assertEquals("hello from plain text", message.message());
      Matcher own = plain.awaitStdout("^From (guest-\\d+) \\((127\\.0\\.0\\.1:\\d+)\\): hello from plain text$");
      assertEquals(guest, own.group(1));
      assertEquals(message.address(), own.group(2));

      yew.send(new SendMessage("hi, plain"));
      plain.awaitStdout("^From yew \\(127\\.0\\.0\\.1:\\d+\\): hi, plain$");
      assertEquals("hi, plain", yew.nextFrame(ChatMessage.class).message());

      plain.endInput();
      plain.awaitStdout("^\\* closed$");
      assertEquals(0, plain.awaitExit());
      assertEquals(List.of("yew"), yew.nextFrame(Users.class).names());
      assertEquals(List.of(), plain.allStderr());
    }
    yew.assertNoMoreEventsBefore(yew.sayMarker());
  }
}
