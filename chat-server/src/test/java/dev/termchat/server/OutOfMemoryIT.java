package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.RawWebSocket;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The server jar with a heap far too small for what its clients make it hold: it either lives
 * on and serves, or exits non-zero, so that a supervisor restarts it. It never stays alive but
 * deaf.
 */
class OutOfMemoryIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");
  /** Each holds a message of almost 64 KiB in progress: 50 MB in all, against a 24 MB heap. */
  private static final int HOARDERS = 800;
  private static final int MESSAGE_BYTES = 64 * 1024 - 1;

  @Test
  void aServerOutOfMemoryExitsNonZeroOrServesOn() throws Exception {
    try (RunningProcess server =
        RunningProcess.java(List.of("-Xmx24m", "-Xss512k"), JAR, List.of("--port", "0"), Map.of())) {
      URI uri = URI.create(server.awaitStdout("^Listening on (ws://\\S+)$").group(1));
      List<Socket> hoarders = new ArrayList<>();
      try {
        for (int i = 0; i < HOARDERS && server.exitCodeIfExited().isEmpty(); i++) {
          try {
            hoarders.add(hoard(uri));
          } catch (IOException e) {
            break; // No answer any more: the server is failing, or gone.
          }
        }
        // Dead or alive, it must settle into one or the other.
        Awaitility.await("the server exits or serves")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> server.exitCodeIfExited().isPresent() || servesANewClient(uri));
      } finally {
        for (Socket hoarder : hoarders) {
          hoarder.close();
        }
      }
      OptionalInt exit = server.exitCodeIfExited();
      if (exit.isPresent()) {
        assertTrue(exit.getAsInt() != 0, "exit code " + exit.getAsInt());
        List<String> log = server.allStderr();
        assertTrue(log.stream().anyMatch(line -> line.contains("OutOfMemoryError")), log.toString());
      } else {
        assertTrue(servesANewClient(uri));
        server.terminate();
        assertEquals(0, server.awaitExit());
      }
    }
  }

  /** Opens a connection and sends all but the last byte of a large message. */
  private static Socket hoard(URI uri) throws IOException {
    RawWebSocket raw = RawWebSocket.connect(uri, Map.of());
    byte[] frame = RawWebSocket.frame(true, RawWebSocket.TEXT, new byte[MESSAGE_BYTES]);
    try {
      raw.sendRaw(Arrays.copyOf(frame, frame.length - 1));
    } catch (IOException e) {
      // The server may already be gone; the test looks at what it became.
    }
    return raw.socket();
  }

  private static boolean servesANewClient(URI uri) {
    try {
      WebSocketRecorder probe = WebSocketRecorder.base(uri).open();
      try {
        register(probe, "probe");
        probe.send(new SendMessage("alive?"));
        return "alive?".equals(probe.nextFrame(ChatMessage.class).message());
      } finally {
        probe.closeBlocking();
      }
    } catch (Exception | AssertionError e) {
      return false;
    }
  }
}
