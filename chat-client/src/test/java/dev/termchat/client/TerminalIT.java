package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client jar in a real terminal (tmux), typed at and read as a person would: a message that
 * arrives while a line is half typed must leave that line intact; colors, their absence, history
 * and leaving with Ctrl-C.
 */
class TerminalIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.client.jar");

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private Tmux client(String name, Map<String, String> environment) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The shell stays after the client exits, so the test can read its exit code.
    String command =
        java + " -jar " + JAR + " " + name + " --server " + chat.uri() + "; echo EXIT=$?; sleep 60";
    return Tmux.start(command, environment);
  }

  private static String lastLine(List<String> lines) {
    return lines.get(lines.size() - 1);
  }

  @Test
  void aMessageArrivingWhileALineIsHalfTypedLeavesTheLineIntact() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color"))) {
      alice.awaitScreen(screen -> screen.contains("* connected as alice"));
      assertEquals(new Users(List.of("bob", "alice")), bob.nextFrame(Users.class));

      alice.type("half typed");
      alice.awaitScreen(screen -> screen.contains("> half typed"));
      bob.send(new SendMessage("interrupting you"));
      String screen = alice.awaitScreen(text -> text.contains("bob (127.0.0.1:"));

      List<String> lines = screen.lines().filter(line -> !line.isBlank()).toList();
      assertEquals("> half typed", lastLine(lines), screen);
      assertTrue(
          lines.get(lines.size() - 2).matches("\\[\\d\\d:\\d\\d\\] bob \\(127\\.0\\.0\\.1:\\d+\\): interrupting you"),
          screen);

      alice.type(", now finished");
      alice.press("Enter");
      assertEquals("interrupting you", bob.nextFrame(ChatMessage.class).message());
      assertEquals("half typed, now finished", bob.nextFrame(ChatMessage.class).message());
      alice.awaitScreen(text -> text.contains("alice (127.0.0.1:") && text.contains("half typed, now finished"));

      alice.press("Up");
      alice.awaitScreen(text -> text.lines().anyMatch(line -> line.equals("> half typed, now finished")));
      alice.press("C-u");
      alice.press("C-c");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
      assertEquals(new Users(List.of("bob")), bob.nextFrame(Users.class));
    }
  }

  @Test
  void namesAreColoredAndOwnMessagesBold() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color"))) {
      alice.awaitScreen(screen -> screen.contains("* connected as alice"));
      bob.send(new SendMessage("in color"));
      alice.type("mine");
      alice.press("Enter");
      alice.awaitScreen(screen -> screen.contains(": in color") && screen.contains(": mine"));

      String escaped = alice.screenWithEscapes();
      String bobLine = lineContaining(escaped, ": in color");
      String ownLine = lineContaining(escaped, ": mine");
      int color = Palette.colorOf("bob");
      String bobSgr = (color & 8) != 0 ? Integer.toString(90 + (color & 7)) : Integer.toString(30 + color);
      assertTrue(bobLine.contains("\u001b[" + bobSgr + "mbob"), visible(bobLine));
      assertTrue(ownLine.contains("\u001b[1malice"), visible(ownLine));
      assertTrue(lineContaining(escaped, "connected as alice").contains("\u001b[90m"), "notices gray");
      alice.press("C-d");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
    }
  }

  @Test
  void noColorMeansNoColor() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color", "NO_COLOR", "1"))) {
      alice.awaitScreen(screen -> screen.contains("* connected as alice"));
      bob.send(new SendMessage("no color please"));
      alice.awaitScreen(screen -> screen.contains(": no color please"));
      String escaped = alice.screenWithEscapes();
      assertFalse(lineContaining(escaped, ": no color please").contains("\u001b["), visible(escaped));
      assertFalse(lineContaining(escaped, "connected as alice").contains("\u001b["), visible(escaped));
      alice.press("C-d");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
    }
  }

  private static String lineContaining(String screen, String text) {
    return screen.lines().filter(line -> line.contains(text)).findFirst().orElseThrow(
        () -> new AssertionError("no line with '" + text + "' in:\n" + visible(screen)));
  }

  private static String visible(String text) {
    return text.replace("\u001b", "ESC");
  }
}
