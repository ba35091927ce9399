package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.History;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.Scrollback;
import dev.termchat.protocol.ScrollbackPage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server JAR with a store ({@code --data}), killed with {@code kill -9} in the middle of
 * traffic or stopped, and started again on the same directory: what was echoed is kept, and
 * clients that resume see every line once, in order.
 */
class StoreRestartIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.server.jar");
  private static final int LINES = 300;

  @TempDir Path data;

  private RunningProcess start() throws Exception {
    return RunningProcess.javaJar(JAR, List.of("--port", "0", "--data", data.toString(), "--rate", "5000", "--burst", "5000"), Map.of());
  }

  private static URI uri(RunningProcess server) throws InterruptedException {
    return URI.create(server.awaitStdout("^Listening on (ws://\\S+)$").group(1));
  }

  /** A registered extended client, and its token. */
  private record Client(WebSocketRecorder socket, String token) {}

  private static Client register(URI uri, String name, List<String> options) throws InterruptedException {
    WebSocketRecorder socket = WebSocketRecorder.extended(uri).open();
    socket.nextFrame(Welcome.class);
    socket.send(new Register(name, options));
    Register reply = socket.nextFrameAfterPresence(Register.class);
    assertEquals(name, reply.name());
    return new Client(socket, Options.value(reply.options(), Wire.OPTION_TOKEN).orElseThrow());
  }

  /** Every chat message that came before the connection ended. */
  private static List<ChatMessage> messagesUntilClosed(WebSocketRecorder socket) throws InterruptedException {
    FrameCodec codec = new FrameCodec();
    List<ChatMessage> messages = new ArrayList<>();
    while (true) {
      WebSocketRecorder.Event event = socket.next();
      if (!(event instanceof WebSocketRecorder.Text text)) {
        return messages;
      }
      try {
        ServerFrame frame = codec.decodeServerFrame(text.text());
        if ((frame instanceof InRoom room ? room.frame() : frame) instanceof ChatMessage message) {
          messages.add(message);
        }
      } catch (Exception e) {
        throw new AssertionError("not a server frame: " + text.text(), e);
      }
    }
  }

  /** Resumes after the last message seen, and returns what the server caught the client up with. */
  private static List<ChatMessage> resume(URI uri, String name, Client before, List<ChatMessage> seen) throws InterruptedException {
    String after = seen.get(seen.size() - 1).id();
    Client back = register(uri, name, List.of(Options.of(Wire.OPTION_TOKEN, before.token()), Options.of(Wire.OPTION_RESUME, after)));
    Resumed resumed = back.socket().nextFrameAfterPresence(Resumed.class);
    assertTrue(resumed.complete(), "the store holds everything after " + after);
    List<ChatMessage> caughtUp = new ArrayList<>();
    for (int i = 0; i < resumed.count(); i++) {
      caughtUp.add(back.socket().nextFrameAfterPresence(ChatMessage.class));
    }
    back.socket().close();
    return caughtUp;
  }

  @Test
  void killedInTheMiddleOfTrafficItLosesNoEchoedLineAndResumedClientsSeeEachOnceInOrder() throws Exception {
    List<ChatMessage> aliceSaw;
    List<ChatMessage> bobSaw;
    Client alice;
    Client bob;
    try (RunningProcess server = start()) {
      URI uri = uri(server);
      alice = register(uri, "alice", List.of());
      bob = register(uri, "bob", List.of());
      for (int i = 0; i < LINES; i++) {
        bob.socket().send(new SendMessage("line " + i));
      }
      // Both wait for a third: the room sends a line to each member in turn, so one may be a
      // line ahead of the other at any instant.
      aliceSaw = new ArrayList<>();
      bobSaw = new ArrayList<>();
      while (aliceSaw.size() < LINES / 3) {
        aliceSaw.add(alice.socket().nextFrameAfterPresence(ChatMessage.class));
      }
      while (bobSaw.size() < LINES / 3) {
        bobSaw.add(bob.socket().nextFrameAfterPresence(ChatMessage.class));
      }
      server.kill();
      aliceSaw.addAll(messagesUntilClosed(alice.socket()));
      bobSaw.addAll(messagesUntilClosed(bob.socket()));
    }
    // Every line either client saw was delivered, so it was on disk.
    int echoed = Math.max(aliceSaw.size(), bobSaw.size());

    try (RunningProcess server = start()) {
      URI uri = uri(server);
      List<ChatMessage> alices = new ArrayList<>(aliceSaw);
      alices.addAll(resume(uri, "alice", alice, aliceSaw));
      List<ChatMessage> bobs = new ArrayList<>(bobSaw);
      bobs.addAll(resume(uri, "bob", bob, bobSaw));
      for (List<ChatMessage> seen : List.of(alices, bobs)) {
        assertTrue(seen.size() >= echoed, "no echoed line is lost: " + seen.size() + " < " + echoed);
        for (int i = 0; i < seen.size(); i++) {
          assertEquals("line " + i, seen.get(i).message(), "every line once, in order");
        }
      }
      assertEquals(texts(alices), texts(bobs), "both see the same lines");
      // Scrollback and search read rows the store writes a little after each line's entry, so
      // a kill leaves some unwritten: the start writes them again, each once.
      Client carol = register(uri, "carol", List.of(Options.of(Wire.OPTION_HISTORY, "0")));
      carol.socket().send(new Scrollback(null, null, Wire.MAX_SCROLLBACK));
      ScrollbackPage page = carol.socket().nextFrameAfterPresence(ScrollbackPage.class);
      assertEquals(texts(alices), texts(page.messages()), "scrollback holds every line once, in order");
      server.terminate();
      assertEquals(0, server.awaitExit());
    }
  }

  @Test
  void aRestartedServerGivesItsHistoryToANewClient() throws Exception {
    try (RunningProcess server = start()) {
      URI uri = uri(server);
      Client alice = register(uri, "alice", List.of());
      alice.socket().send(new SendMessage("kept across a restart"));
      assertEquals("kept across a restart", alice.socket().nextFrameAfterPresence(ChatMessage.class).message());
      server.terminate();
      assertEquals(0, server.awaitExit());
      assertTrue(server.allStdout().contains("History kept in " + data.resolve("termchat.db")), server.allStdout().toString());
    }
    try (RunningProcess server = start()) {
      URI uri = uri(server);
      Client carol = register(uri, "carol", List.of(Options.of(Wire.OPTION_HISTORY, "10")));
      ChatMessage kept = carol.socket().nextFrameAfterPresence(History.class).entry();
      assertEquals("kept across a restart", kept.message());
      assertEquals("alice", kept.from());
      server.terminate();
      assertEquals(0, server.awaitExit());
    }
  }

  @Test
  void aSecondServerOnTheDirectoryIsRefusedInOneLine() throws Exception {
    try (RunningProcess first = start()) {
      uri(first);
      try (RunningProcess second = start()) {
        assertEquals(1, second.awaitExit());
        assertEquals(
            List.of("error: another server is using the store in " + data + " (only one may; stop it or give --data another directory)"),
            second.remainingStderr());
      }
      first.terminate();
      assertEquals(0, first.awaitExit());
    }
  }

  private static List<String> texts(List<ChatMessage> messages) {
    return messages.stream().map(ChatMessage::message).toList();
  }
}
