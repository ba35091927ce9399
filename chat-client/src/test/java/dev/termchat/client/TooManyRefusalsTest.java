package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.WebSocketRecorder;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The server answers a handshake with 429 for two reasons, which its body and Retry-After tell
 * apart: the client, in-process against a real server, says which, where it read every 429 as
 * too many connections.
 */
class TooManyRefusalsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = ChatClientCommand.commandLine(new ByteArrayInputStream(new byte[0]));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Nested
  class WrongServerPasswords {
    /** Still, so that the wait the server gives is a figure to compare. */
    final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T09:00:00Z"));
    @RegisterExtension final ChatFixture chat = new ChatFixture(clock, config -> config.password("sesame"));

    @Test
    void pastTheGuessesTheClientSaysSoAndForHowLong() throws Exception {
      for (int guess = 0; guess < 5; guess++) {
        try (RawWebSocket wrong = RawWebSocket.connect(chat.uri(), Map.of("Authorization", "Bearer guess " + guess))) {
          assertEquals(401, wrong.status());
        }
      }
      assertEquals(1, run("alice", "--server", chat.uri().toString(), "--password", "sesame"));
      assertEquals(
          "error: cannot connect to " + chat.uri() + ": too many wrong server passwords from this address: the server checks none for 334 s;"
              + " then give the right one (--password, --password-file or CHAT_PASSWORD)",
          err.toString().strip());
    }
  }

  @Nested
  class TooManyConnections {
    @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.maxConnectionsPerAddress(1).limitLoopback(true));

    @Test
    void theClientStillSaysTooManyConnections() throws Exception {
      WebSocketRecorder first = chat.connect();
      ChatFixture.register(first, "first");
      assertEquals(1, run("alice", "--server", chat.uri().toString()));
      assertEquals(
          "error: cannot connect to " + chat.uri() + ": too many connections from this address; close some, or try again later",
          err.toString().strip());
    }
  }
}
