package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Presence;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command in-process through picocli, against a real server, with a pipe as its console. */
class ChatClientCommandTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final PipedOutputStream keyboard = new PipedOutputStream();
  /** The client's own thread: not the common pool's, which one left running by a test would hold. */
  private final ExecutorService clients = Executors.newCachedThreadPool();

  @AfterEach
  void stopClients() {
    clients.shutdownNow();
  }

  private CommandLine commandLine(InputStream console) {
    CommandLine commandLine = ChatClientCommand.commandLine(console);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine;
  }

  private int run(String... args) {
    return commandLine(new ByteArrayInputStream(new byte[0])).execute(args);
  }

  private CompletableFuture<Integer> start(String... args) throws IOException {
    CommandLine commandLine = commandLine(new PipedInputStream(keyboard));
    return CompletableFuture.supplyAsync(() -> commandLine.execute(args), clients);
  }

  private void type(String line) throws IOException {
    keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  @Test
  void joinTakesRoomsApartBySpacesAsByCommas() throws Exception {
    WebSocketRecorder erin = chat.connectExtended();
    erin.nextFrame(Welcome.class);
    erin.send(new Register("erin", List.of("rooms=#ops")));
    erin.nextFrame(Register.class);
    assertEquals(0, run("bot", "--server", chat.uri().toString(), "--join", "#dev #ops"), err.toString());
    assertEquals("", err.toString());
    while (true) {
      ServerFrame frame = erin.nextServerFrame();
      if (frame instanceof InRoom inRoom && inRoom.frame() instanceof Presence presence && presence.joined() && presence.names().contains("bot")) {
        assertEquals("#ops", inRoom.room()); // erin's only room
        break;
      }
    }
  }

  @Test
  void typedLinesReachOthersAndEndOfInputExits0() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    CompletableFuture<Integer> client = start("alice", "--server", chat.uri().toString());
    assertEquals(new Users(List.of("bob", "alice")), bob.nextFrame(Users.class));

    type("hello bob");
    type("//etc/passwd is a path");
    type("/users");
    ChatMessage hello = bob.nextFrame(ChatMessage.class);
    assertEquals("alice", hello.from());
    assertEquals("hello bob", hello.message());
    assertEquals("/etc/passwd is a path", bob.nextFrame(ChatMessage.class).message());

    keyboard.close();
    assertEquals(0, client.get(WebSocketRecorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(new Users(List.of("bob")), bob.nextFrame(Users.class));
    assertEquals("", err.toString());
    // Once on connecting, once more for /users.
    assertEquals(2, out.toString().split(Pattern.quote("-!- online (2): bob, alice"), -1).length - 1, out.toString());
  }

  @Test
  void quitLeavesAndExits0() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    CompletableFuture<Integer> client = start("carol", "--server", chat.uri().toString());
    bob.nextFrame(Users.class);
    type("/quit");
    assertEquals(0, client.get(WebSocketRecorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(new Users(List.of("bob")), bob.nextFrame(Users.class));
  }

  @Test
  void withoutAUsernameItMakesUpAGuestName() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    CompletableFuture<Integer> client = start("--server", chat.uri().toString());
    List<String> names = bob.nextFrame(Users.class).names();
    assertEquals(2, names.size());
    assertTrue(names.get(1).matches("guest-\\d{4}"), names.toString());
    keyboard.close();
    assertEquals(0, client.get(WebSocketRecorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
  }

  @Test
  void aServerListThatNamesNoServerIsAUsageError() {
    assertEquals(2, run("--server", ","));
    assertEquals(
        "error: --server: no server named\nTry 'chat-client --help' for more information.\n",
        err.toString().replace(System.lineSeparator(), "\n"));
  }

  /** A server's address where the name goes after it: the option it needs is said (a new user's trial). */
  @Test
  void anAddressLeftWithoutServerGetsAHint() {
    assertEquals(2, run("alice", "127.0.0.1:19100"));
    assertEquals(
        "error: Unmatched argument at index 1: '127.0.0.1:19100'\n"
            + "(a server is named with --server: --server 127.0.0.1:19100)\n"
            + "Try 'chat-client --help' for more information.\n",
        err.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void aServerUrlThatIsNotWebSocketIsAUsageError() {
    assertEquals(2, run("--server", "http://127.0.0.1:8080"));
    assertEquals(
        "error: Invalid value for option '--server' (URL): 'http://127.0.0.1:8080' is not a server;"
            + " use ws://HOST:PORT, wss://HOST:PORT or HOST:PORT, such as ws://127.0.0.1:8080\n"
            + "Try 'chat-client --help' for more information.\n",
        err.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void aServerWithABadPortIsAUsageError() {
    assertEquals(2, run("--server", "ws://127.0.0.1:99999"));
    assertTrue(err.toString().contains("is not between 1 and 65535"), err.toString());
    assertEquals(2, run("--server", "ws://127.0.0.1:0"));
  }

  @Test
  void aHostAndPortWithoutSchemeIsTakenAsWs() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    CompletableFuture<Integer> client = start("alice", "--server", "127.0.0.1:" + chat.server().port());
    assertEquals(new Users(List.of("bob", "alice")), bob.nextFrame(Users.class));
    keyboard.close();
    assertEquals(0, client.get(WebSocketRecorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    assertEquals("", err.toString());
  }

  @Test
  void severalServersAreTriedInTurnUntilOneConnects() throws Exception {
    int closed = closedPort();
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    CompletableFuture<Integer> listed = start("alice", "--server", "ws://127.0.0.1:" + closed + "," + chat.uri());
    assertEquals(new Users(List.of("bob", "alice")), bob.nextFrame(Users.class));
    keyboard.close();
    assertEquals(0, listed.get(WebSocketRecorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(new Users(List.of("bob")), bob.nextFrame(Users.class));
  }

  @Test
  void whenNoServerConnectsEachSaysWhy() throws Exception {
    int first = closedPort();
    int second = closedPort();
    assertEquals(1, run("alice", "--server", "127.0.0.1:" + first, "--server", "127.0.0.1:" + second));
    assertEquals(
        "error: cannot connect to ws://127.0.0.1:" + first + ": connection refused (is the server running?);"
            + " nor to ws://127.0.0.1:" + second + ": connection refused (is the server running?)\n",
        err.toString().replace(System.lineSeparator(), "\n"));
  }

  private static int closedPort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aMissingTrustFileIsAUsageError(@TempDir Path directory) {
    Path missing = directory.resolve("no-such.pem");
    assertEquals(2, run("--server", "wss://127.0.0.1:9", "--trust", missing.toString(), "alice"));
    assertEquals(
        "error: cannot read " + missing + ": no such file\nTry 'chat-client --help' for more information.\n",
        err.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void anInvalidUsernameIsAUsageError() {
    assertEquals(2, run("bad\u001b[31mname"));
    assertTrue(err.toString().startsWith("error: USERNAME: a name may not contain the control character U+001B"), err.toString());
    assertEquals(2, run("server"));
  }

  @Test
  void aNameThatCouldPassForANameAndAnAddressIsRefusedHereAndByTheServer() throws Exception {
    assertEquals(2, run("bob (127.0.0.1:43420)"));
    assertTrue(err.toString().startsWith("error: USERNAME: a name may not contain U+0028 LEFT PARENTHESIS"), err.toString());
    WebSocketRecorder mallory = chat.connect();
    assertTrue(register(mallory, "bob (127.0.0.1:43420)").matches("guest-\\d+"), "joined as a guest instead");
  }

  @Test
  void aBlankUsernameMeansAGuest() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    CompletableFuture<Integer> client = start("   ", "--server", chat.uri().toString());
    assertTrue(bob.nextFrame(Users.class).names().get(1).matches("guest-\\d{4}"));
    keyboard.close();
    assertEquals(0, client.get(WebSocketRecorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
  }

  @Test
  void helpReadsLikeAManPage() {
    assertEquals(0, run("--help"));
    String help = out.toString();
    for (String section :
        List.of("NAME", "SYNOPSIS", "DESCRIPTION", "ARGUMENTS", "OPTIONS", "EXIT STATUS",
            "IN-CHAT COMMANDS", "ENVIRONMENT", "EXAMPLES")) {
      assertTrue(help.lines().anyMatch(section::equals), "no " + section + " section in\n" + help);
    }
    assertTrue(help.lines().allMatch(line -> line.length() <= 80), "lines over 80 columns:\n" + help);
    List<String> commands =
        help.lines().dropWhile(line -> !line.equals("IN-CHAT COMMANDS")).skip(1).takeWhile(line -> !line.isEmpty()).toList();
    assertTrue(commands.size() >= 9, help);
    assertEquals(
        1,
        commands.stream().map(line -> line.startsWith("   ") ? line.length() - line.stripLeading().length() : meaning(line)).distinct().count(),
        "meanings in one column, and the rows they continue on too:\n" + String.join("\n", commands));
  }

  /** Where the meaning starts in {@code   /msg NAME TEXT  a private message}. */
  private static int meaning(String line) {
    java.util.regex.Matcher gap = Pattern.compile("\\S  +(?=\\S)").matcher(line);
    assertTrue(gap.find(), "no meaning in: " + line);
    return gap.end();
  }

  @Test
  void theCompletionScriptWorksInBash(@TempDir Path directory) throws Exception {
    assertEquals(0, run("generate-completion"));
    Path script = directory.resolve("chat-client.bash");
    Files.writeString(script, out.toString());
    Process bash =
        new ProcessBuilder("bash", "-c", "source " + script + " && complete -p chat-client")
            .redirectErrorStream(true)
            .start();
    String said = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, bash.waitFor(), said);
    assertTrue(said.contains("chat-client"), said);
  }

  @Test
  void helpAndVersion() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("[USERNAME]"), out.toString());
    assertTrue(out.toString().contains("--server=URL"), out.toString());
    assertEquals(0, run("--version"));
    assertTrue(out.toString().contains("chat-client 0."), out.toString());
  }
}
