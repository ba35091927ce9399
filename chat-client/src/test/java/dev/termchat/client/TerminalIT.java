package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Welcome;
import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.net.URI;
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
    return client(name, chat.uri(), environment);
  }

  static Tmux client(String name, URI server, Map<String, String> environment) throws Exception {
    // The shell stays after the client exits, so the test can read its exit code.
    return Tmux.start(clientCommand(name, server) + "; echo EXIT=$?; sleep 60", environment);
  }

  private String clientCommand(String name) {
    return clientCommand(name, chat.uri());
  }

  static String clientCommand(String name, URI server) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return java + " -jar " + JAR + " " + name + " --server " + server;
  }

  /**
   * Waits for the notice and then for the prompt under it: only a terminal that has drawn the
   * prompt is sure to be in the mode JLine puts it in, where a paste comes bracketed and a tab is
   * a key; before that a pasted line starting with a slash would be taken for a command.
   */
  static void awaitPrompt(Tmux client, String notice) {
    client.awaitScreen(screen -> screen.contains(notice) && lastLine(nonBlank(screen)).equals(">"));
  }

  private static String lastLine(List<String> lines) {
    return lines.get(lines.size() - 1);
  }

  @Test
  void aMessageArrivingWhileALineIsHalfTypedLeavesTheLineIntact() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color"))) {
      awaitPrompt(alice, "-!- connected as alice");
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
  void ctrlCClearsAHalfTypedLineAndLeavesFromAnEmptyOne() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color"))) {
      awaitPrompt(alice, "-!- connected as alice");
      alice.type("never mind");
      alice.awaitScreen(screen -> screen.contains("> never mind"));
      alice.press("C-c");
      alice.awaitScreen(screen -> lastLine(nonBlank(screen)).equals(">"));
      alice.type("after all");
      alice.press("Enter");
      assertEquals("after all", bob.nextMessage().message());
      alice.press("C-c");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
    }
  }

  @Test
  void aPasteOfSeveralLinesIsOneMessageALine() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color"))) {
      awaitPrompt(alice, "-!- connected as alice");
      alice.paste("first line\n/second, with a slash\n\tthird");
      alice.press("Enter");
      assertEquals("first line", bob.nextMessage().message());
      assertEquals("/second, with a slash", bob.nextMessage().message());
      assertEquals("\tthird", bob.nextMessage().message());
      alice.awaitScreen(screen -> screen.contains("alice (127.0.0.1:") && screen.contains(":     third"));
      alice.press("C-d");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
    }
  }

  @Test
  void tabCompletesCommandsAndNames() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bobby");
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color"))) {
      awaitPrompt(alice, "-!- online (2)");
      alice.type("bob");
      alice.press("Tab");
      alice.awaitScreen(screen -> screen.contains("> bobby:")); // tmux drops the trailing space
      alice.type("hi");
      alice.press("Enter");
      assertEquals("bobby: hi", bob.nextMessage().message());
      alice.type("/us");
      alice.press("Tab");
      alice.awaitScreen(screen -> screen.contains("> /users"));
      alice.press("Enter");
      alice.awaitScreen(screen -> screen.contains("-!- online (2): bobby, alice"));
      alice.type("/msg \"bo");
      alice.press("Tab");
      alice.awaitScreen(screen -> screen.contains("> /msg \"bobby\""));
      alice.press("C-u");
      alice.press("C-d");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
    }
  }

  /** Tab after /join offers the rooms /list named, in one list, without JLine's group headings. */
  @Test
  void tabAfterJoinOffersTheRoomsListed() throws Exception {
    WebSocketRecorder erin = chat.connectExtended();
    erin.nextFrame(Welcome.class);
    erin.send(new dev.termchat.protocol.Register("erin", List.of("rooms=#random")));
    erin.nextFrame(dev.termchat.protocol.Register.class);
    try (Tmux alice = Tmux.start(clientCommand("alice") + " --join '#general,#dev'; echo EXIT=$?; sleep 60", Map.of("TERM", "xterm-256color"))) {
      alice.awaitScreen(screen -> screen.contains("-!- you joined #dev") && screen.contains("#dev"));
      alice.type("/join #r");
      alice.press("Tab");
      alice.press("Tab");
      alice.type("x");
      alice.awaitScreen(screen -> screen.contains("/join #rx"));
      assertFalse(alice.screen().contains("original"), alice.screen());
      alice.press("C-u");
      alice.type("/list");
      alice.press("Enter");
      alice.awaitScreen(screen -> screen.contains("#random"));
      alice.type("/join #r");
      alice.press("Tab");
      alice.awaitScreen(screen -> screen.contains("/join #random"));
      alice.press("C-u");
      alice.press("C-d");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
    }
  }

  /** Trial a39: with bob online, whoever took the name "bob I" got bob's private messages. */
  @Test
  void aPrivateMessageThatCouldBeForTwoPeopleWaitsForTheNameInQuotes() throws Exception {
    WebSocketRecorder bob = extended("bob");
    WebSocketRecorder bobI = extended("bob I");
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color"))) {
      awaitPrompt(alice, "-!- online (3)");
      alice.type("/msg bob I think the password is hunter2");
      alice.press("Enter");
      alice.awaitScreen(screen -> screen.contains("-!- not sent: that could be for \"bob\" or \"bob I\""));
      alice.type("/msg \"bob I\" think so");
      alice.press("Enter");
      alice.type("/msg \"bob\" I think the password is hunter2");
      alice.press("Enter");
      // The first private message each gets: the refused line went to neither.
      assertEquals("think so", nextPrivate(bobI).message());
      assertEquals("I think the password is hunter2", nextPrivate(bob).message());
      // Ctrl-D at the prompt: typed in the instant between two prompts, the terminal turns it into
      // nothing, as README says.
      awaitPrompt(alice, "hunter2");
      alice.press("C-d");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
    }
  }

  private WebSocketRecorder extended(String name) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    client.nextFrame(Welcome.class);
    assertEquals(name, register(client, name));
    return client;
  }

  private static PrivateChat nextPrivate(WebSocketRecorder recorder) throws InterruptedException {
    for (ServerFrame frame = recorder.nextServerFrame(); ; frame = recorder.nextServerFrame()) {
      if (frame instanceof PrivateChat message) {
        return message;
      }
    }
  }

  @Test
  void aLineRefusedLongBeforeLeavingIsNoReasonForExitStatus3() throws Exception {
    try (ChatServer strict = ChatServer.start(ServerConfig.builder().port(0).maxMessageChars(5).build());
        Tmux alice = client("alice", strict.uri(), Map.of("TERM", "xterm-256color"))) {
      awaitPrompt(alice, "-!- connected as alice");
      alice.type("far too long");
      alice.press("Enter");
      alice.awaitScreen(screen -> screen.contains("-!- server: a message is at most 5 characters"));
      alice.type("short");
      alice.press("Enter");
      alice.awaitScreen(screen -> screen.contains("alice (127.0.0.1:") && screen.contains(": short"));
      alice.press("C-d");
      alice.awaitScreen(text -> text.contains("EXIT=0"));
    }
  }

  @Test
  void aLineStillToSendWhenLeavingIsExitStatus3() throws Exception {
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color"))) {
      awaitPrompt(alice, "-!- connected as alice");
      chat.server().close();
      alice.awaitScreen(screen -> screen.contains("-!- connection lost"));
      alice.type("into the void");
      alice.press("Enter");
      alice.awaitScreen(screen -> screen.contains("-!- not connected: lines you type now are sent once reconnected"));
      alice.press("C-d");
      String screen = alice.awaitScreen(text -> text.contains("EXIT="));
      assertTrue(screen.contains("error: 1 line not delivered when you left: 1 still to send"), screen);
      assertTrue(screen.contains("EXIT=3"), screen);
    }
  }

  static List<String> nonBlank(String screen) {
    return screen.lines().filter(line -> !line.isBlank()).toList();
  }


  @Test
  void namesAreColoredAndOwnMessagesBold() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (Tmux alice = client("alice", Map.of("TERM", "xterm-256color"))) {
      awaitPrompt(alice, "-!- connected as alice");
      bob.send(new SendMessage("in color"));
      alice.type("mine");
      alice.press("Enter");
      alice.awaitScreen(screen -> screen.contains(": in color") && screen.contains(": mine"));

      String escaped = alice.screenWithEscapes();
      String bobLine = lineContaining(escaped, ": in color");
      String ownLine = lineContaining(escaped, ": mine");
      // tmux with TERM=xterm-256color has 256 colors: the finer palette.
      int color = Palette.colored(256).colorOf("bob");
      assertTrue(bobLine.contains("\u001b[38;5;" + color + "mbob"), visible(bobLine));
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
      awaitPrompt(alice, "-!- connected as alice");
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
