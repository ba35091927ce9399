package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Users;
import dev.termchat.server.ChatServer;
import dev.termchat.server.ServerConfig;
import dev.termchat.server.settings.RoomOptions;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RedisServer;
import dev.termchat.testing.RoomMember;
import dev.termchat.testing.RunningProcess;
import dev.termchat.testing.WebSocketRecorder;
import java.net.InetAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar chat-client/target/chat-client.jar} as a real process, as a person runs it. */
class ChatClientProcessIT {
  private static final Path JAR = RunningProcess.jarFromProperty("chat.client.jar");

  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private static RunningProcess client(String... args) throws Exception {
    return RunningProcess.javaJar(JAR, List.of(args), Map.of());
  }

  @Test
  void linesOnStdinReachAnotherClientAndEndOfInputExits0() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (RunningProcess alice = client("alice", "--server", chat.uri().toString())) {
      alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- connected as alice$");
      assertEquals(new Users(List.of("bob", "alice")), bob.nextFrame(Users.class));

      alice.typeLine("hello from a real process");
      ChatMessage message = bob.nextFrame(ChatMessage.class);
      assertEquals("alice", message.from());
      assertEquals("hello from a real process", message.message());
      alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] alice \\(127\\.0\\.0\\.1:\\d+\\): hello from a real process$");

      bob.send(new SendMessage("hi alice"));
      alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] bob \\(127\\.0\\.0\\.1:\\d+\\): hi alice$");
      assertEquals("hi alice", bob.nextFrame(ChatMessage.class).message());

      alice.endInput();
      assertEquals(0, alice.awaitExit());
      assertEquals(new Users(List.of("bob")), bob.nextFrame(Users.class));
      assertEquals(List.of(), alice.allStderr());
    }
  }

  @Test
  void pipedLinesFasterThanTheServersRateAllArriveInOrder() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (RunningProcess bot = client("bot", "--server", chat.uri().toString())) {
      // Over three times the default burst of 60: at the server's rate of 30 a second.
      for (int i = 1; i <= 200; i++) {
        bot.typeLine(Integer.toString(i));
      }
      bot.endInput();
      for (int i = 1; i <= 200; i++) {
        assertEquals(Integer.toString(i), bob.nextMessage().message());
      }
      assertEquals(0, bot.awaitExit());
      assertEquals(List.of(), bot.allStderr());
    }
  }

  @Test
  void aPipedClientIsShownNoHistoryUnlessItAsksForSome() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    bob.send(new SendMessage("said before"));
    bob.nextMessage();
    try (RunningProcess bot = client("bot", "--server", chat.uri().toString())) {
      bot.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- online \\(2\\)");
      bot.endInput();
      assertEquals(0, bot.awaitExit());
      assertTrue(bot.allStdout().stream().noneMatch(line -> line.contains("said before")), bot.allStdout().toString());
    }
    try (RunningProcess reader = client("reader", "--server", chat.uri().toString(), "--history", "5")) {
      // With the day when it was said before midnight and shown after it: "[6 Dec 23:59]".
      reader.awaitStdout("^\\[(\\d{1,2} [A-Z][a-z]{2} )?\\d\\d:\\d\\d\\] bob: said before$");
      reader.endInput();
      assertEquals(0, reader.awaitExit());
    }
  }

  @Test
  void pipedSearchAndHistoryAreAnsweredBeforeEndOfInputExits0(@TempDir Path data) throws Exception {
    try (ChatServer stored = ChatServer.start(ServerConfig.builder().port(0).data(data).build())) {
      WebSocketRecorder bob = WebSocketRecorder.base(stored.uri()).open();
      try {
        register(bob, "bob");
        for (String line : List.of("deploy on friday", "lunch at noon")) {
          bob.send(new SendMessage(line));
          bob.nextMessage();
        }
        // Said before the bot came, which is shown no history when piped: only what it asks.
        try (RunningProcess bot = client("bot", "--server", stored.uri().toString())) {
          bot.typeLine("/search friday");
          bot.typeLine("/history 5");
          bot.endInput();
          assertEquals(0, bot.awaitExit());
          String shown = String.join("\n", bot.allStdout());
          assertTrue(shown.contains("-!- found for \"friday\" in #general, best first:"), shown);
          assertTrue(shown.contains("-!- earlier in #general: 2 messages"), shown);
          assertTrue(shown.contains("bob: lunch at noon"), shown);
          assertEquals(List.of(), bot.allStderr());
        }
      } finally {
        bob.closeBlocking();
      }
    }
  }

  /** A script's /switch, /search and /history right behind its /join are of the room it joins, as its lines are. */
  @Test
  void pipedRecallAndSwitchRightBehindAJoinAreOfTheRoomJoined() throws Exception {
    try (RunningProcess bot = client("bot", "--server", chat.uri().toString())) {
      bot.typeLine("/join #dev");
      bot.typeLine("/switch #dev");
      bot.typeLine("/search deploy");
      bot.typeLine("/history 5");
      bot.endInput();
      assertEquals(0, bot.awaitExit());
      String shown = String.join("\n", bot.allStdout());
      assertTrue(shown.contains("-!- nothing found for \"deploy\" in #dev"), shown);
      assertTrue(shown.contains("-!- nothing earlier in #dev"), shown);
      assertFalse(shown.contains("not in #dev"), shown);
    }
  }

  @Test
  void linesTheServerRefusesAreCountedAndTheExitStatusIs3() throws Exception {
    try (ChatServer strict =
            ChatServer.start(ServerConfig.builder().port(0).maxMessageChars(5).build());
        RunningProcess bot = client("bot", "--server", strict.uri().toString())) {
      bot.typeLine("short");
      bot.typeLine("far too long for this server");
      bot.endInput();
      assertEquals(3, bot.awaitExit());
      assertEquals(List.of("error: 1 of 2 lines not delivered: 1 refused by the server"), bot.allStderr());
    }
  }

  @Test
  void aPipedLineInNoRoomIsNotDeliveredAndTheExitStatusIs3() throws Exception {
    try (RunningProcess bot = client("bot2", "--server", chat.uri().toString(), "--join", "")) {
      bot.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- connected as bot2$");
      bot.typeLine("in no room");
      bot.endInput();
      assertEquals(3, bot.awaitExit());
      assertTrue(bot.allStdout().stream().anyMatch(line -> line.endsWith("-!- not sent: you are in no room; /join #ROOM joins one")), bot.allStdout().toString());
      assertEquals(List.of("error: 1 of 1 line not delivered: 1 typed in no room"), bot.allStderr());
    }
  }

  /**
   * {@code --join '#a,#b'} ends as {@code /join #a} then {@code /join #b} do: in both rooms,
   * typing in the last (as irssi and WeeChat make the last window joined the active one).
   */
  @Test
  void joinEndsAsAJoinOfEachRoomInTurnDoesTypingInTheLast() throws Exception {
    RoomMember erin = RoomMember.join(chat, "erin", "#a,#b");
    List<List<String>> said = new ArrayList<>();
    for (List<String> way : List.of(List.of("alice", "--join", "#a,#b"), List.of("bob", "--join", "", "/join #a", "/join #b"))) {
      List<String> args = new ArrayList<>(List.of(way.get(0), "--server", chat.uri().toString(), way.get(1), way.get(2)));
      try (RunningProcess client = RunningProcess.javaJar(JAR, args, Map.of())) {
        way.subList(3, way.size()).forEach(client::typeLine);
        client.typeLine("hello from " + way.get(0));
        client.endInput();
        assertEquals(0, client.awaitExit(), client.allStdout().toString());
        said.add(client.allStdout().stream().map(line -> line.replaceFirst("^\\[\\d\\d:\\d\\d\\] ", ""))
            .filter(line -> line.matches("-!- (you joined|typing in) .*")).toList());
      }
      ChatMessage line = null;
      String room = null;
      while (line == null || !line.from().equals(way.get(0))) {
        if (erin.client().nextServerFrame() instanceof InRoom inRoom && inRoom.frame() instanceof ChatMessage message) {
          line = message;
          room = inRoom.room();
        }
      }
      assertEquals("hello from " + way.get(0) + " in #b", line.message() + " in " + room);
    }
    assertEquals(List.of("-!- you joined #a", "-!- you joined #b", "-!- typing in #b"), said.get(0));
    assertEquals(said.get(1), said.get(0), "the same state either way");
  }

  /** A script that parts a room right after joining it leaves it, and its next line goes where lines went before. */
  @Test
  void aPipedPartRightBehindItsJoinLeavesTheRoom() throws Exception {
    try (RunningProcess bot = client("bot", "--server", chat.uri().toString())) {
      bot.typeLine("/join #dev");
      bot.typeLine("/part #dev");
      bot.typeLine("after part");
      bot.endInput();
      assertEquals(0, bot.awaitExit(), bot.allStdout().toString());
      String shown = String.join("\n", bot.allStdout());
      assertFalse(shown.contains("not in #dev"), shown);
      assertTrue(shown.contains("-!- you left #dev"), shown);
      assertTrue(bot.allStdout().stream().anyMatch(line -> line.matches("^\\[\\d\\d:\\d\\d\\] bot \\(127\\.0\\.0\\.1:\\d+\\): after part$")), shown);
    }
  }

  /** A script that ends with /nick is told its new name before it exits, in one room or several. */
  @Test
  void aPipedNickAtTheEndIsAnsweredBeforeEndOfInputExits() throws Exception {
    for (String rooms : List.of("#general", "#general,#dev,#ops")) {
      String name = "nick" + rooms.length();
      try (RunningProcess bot = client(name, "--server", chat.uri().toString(), "--join", rooms)) {
        bot.typeLine("/nick " + name + "x");
        bot.endInput();
        assertEquals(0, bot.awaitExit(), bot.allStdout().toString());
        String shown = String.join("\n", bot.allStdout());
        assertTrue(shown.contains("you are now known as " + name + "x"), rooms + ":\n" + shown);
      }
    }
  }

  /** A script's /join asks for no history, as its register does; --history N asks for N either way. */
  @Test
  void aPipedJoinPrintsNoHistoryUnlessAskedFor() throws Exception {
    try (RunningProcess first = client("ann", "--server", chat.uri().toString())) {
      first.typeLine("/join #dev");
      first.typeLine("said before");
      first.endInput();
      assertEquals(0, first.awaitExit(), first.allStdout().toString());
    }
    try (RunningProcess bot = client("bot", "--server", chat.uri().toString());
        RunningProcess asking = client("asker", "--server", chat.uri().toString(), "--history", "5")) {
      for (RunningProcess one : List.of(bot, asking)) {
        one.typeLine("/join #dev");
        one.typeLine("here now");
        one.endInput();
        assertEquals(0, one.awaitExit(), one.allStdout().toString());
      }
      String shown = String.join("\n", bot.allStdout());
      assertFalse(shown.contains("said before"), shown);
      assertFalse(shown.contains("history:"), shown);
      String asked = String.join("\n", asking.allStdout());
      assertTrue(asked.contains("said before"), asked);
    }
  }

  /** A script's /search and /history of a room it named, whose join was refused, are answered so, at once. */
  @Test
  void pipedRecallOfARoomWhoseJoinWasRefusedIsAnsweredAndNotWaitedFor() throws Exception {
    try (ChatServer strict = ChatServer.start(ServerConfig.builder().port(0).set(RoomOptions.MAX_ROOMS_PER_CONNECTION, 3).build());
        RunningProcess bot = client("fred", "--server", strict.uri().toString())) {
      bot.typeLine("/join #x #y");
      bot.typeLine("/join #z");
      bot.typeLine("/search hello");
      bot.typeLine("/history 5");
      bot.endInput();
      assertEquals(0, bot.awaitExit());
      String shown = String.join("\n", bot.allStdout());
      assertTrue(shown.contains("server: you are not in \"#z\"; not searched"), shown);
      assertTrue(shown.contains("server: you are not in \"#z\"; no history sent"), shown);
    }
  }

  /**
   * A piped line goes to the room the script last named: after a /join the server refused, it is
   * refused too, not sent to another room, whether the refusal came before it was read or not.
   */
  @Test
  void aPipedLineAfterARefusedJoinGoesToNoOtherRoomAndTheExitStatusIs3() throws Exception {
    try (ChatServer strict = ChatServer.start(ServerConfig.builder().port(0).set(RoomOptions.MAX_ROOMS_PER_CONNECTION, 3).build())) {
      try (RunningProcess fast = client("fred", "--server", strict.uri().toString())) {
        fast.typeLine("/join #x #y");
        fast.typeLine("/join #z");
        fast.typeLine("hello z");
        fast.endInput();
        assertEquals(3, fast.awaitExit());
        assertTrue(fast.allStdout().stream().noneMatch(line -> line.contains("hello z") && !line.contains("not delivered")), fast.allStdout().toString());
        assertEquals(List.of("error: 1 of 1 line not delivered: 1 refused by the server"), fast.allStderr());
      }
      try (RunningProcess slow = client("gina", "--server", strict.uri().toString())) {
        slow.typeLine("/join #x #y");
        slow.typeLine("/join #z");
        slow.awaitStdout("-!- server: .*");
        slow.typeLine("hello z");
        slow.endInput();
        assertEquals(3, slow.awaitExit());
        slow.awaitStdout("-!- server: you are not in \"#z\"; message not delivered$");
        assertEquals(List.of("error: 1 of 1 line not delivered: 1 refused by the server"), slow.allStderr());
      }
    }
  }

  @Test
  void endOfInputAndASignalAtOnceStillCloseCleanly() throws Exception {
    Path serverJar = RunningProcess.jarFromProperty("chat.server.jar");
    try (RunningProcess server = RunningProcess.javaJar(serverJar, List.of("--port", "0"), Map.of())) {
      String uri = server.awaitStdout("^Listening on (ws://\\S+)$").group(1);
      for (int i = 0; i < 3; i++) {
        try (RunningProcess piped = client("piped" + i, "--server", uri)) {
          piped.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- online");
          // As Ctrl-C on "sleep 100 | chat-client": the pipe ends as the signal comes.
          piped.endInput();
          piped.terminate();
          piped.awaitExit();
          server.awaitStderr("piped" + i + " left from 127\\.0\\.0\\.1:\\d+ \\(closed: bye\\)$");
        }
      }
      server.terminate();
      assertEquals(0, server.awaitExit());
    }
  }

  @Test
  void aSignalWhileTheServerHasNotAnsweredTheRegisterStillClosesCleanly() throws Exception {
    // The client waits a moment for its name to be confirmed before it reads its input; a
    // signal in that moment once ended it without a close frame.
    NodeLikeServer slow = NodeLikeServer.neverAnsweringRegisters().started();
    try (RunningProcess piped = client("piped", "--server", slow.uri().toString())) {
      assertEquals(
          // Piped input asks for no history; a base server ignores the ask, as YewChat sends dataArray too.
          "{\"messageType\":\"register\",\"data\":\"piped\",\"dataArray\":[\"rooms=#general\",\"history=0\"]}",
          slow.received.poll(RunningProcess.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
      piped.terminate();
      assertEquals("1000 bye", slow.closes.poll(RunningProcess.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
      piped.awaitExit();
      assertEquals(List.of(), piped.allStderr());
    } finally {
      slow.stop(1000);
    }
  }

  @Test
  void reconnectsAfterAServerRestartAndRegistersAgainUnderTheSameName() throws Exception {
    try (RunningProcess alice = client("alice", "--server", chat.uri().toString())) {
      alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- connected as alice$");

      chat.restart();

      alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- connection lost: server shutting down$");
      alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- reconnecting in \\d+\\.\\d s \\(attempt 1\\)$");
      // An in-memory server that restarted knows nothing of the session: said calmly; its log,
      // which started again, tells the client that it was a restart.
      alice.awaitStdout(
          "^\\[\\d\\d:\\d\\d\\] -!- reconnected as alice"
              + " \\(a new session: the server no longer knew the old one\\)$");
      alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- the server's log does not reach back to where you left off, as after a restart: ");
      WebSocketRecorder bob = chat.connect();
      register(bob, "bob");
      assertEquals(List.of("alice", "bob"), chat.server().users());
      alice.typeLine("back again");
      assertEquals("back again", bob.nextFrame(ChatMessage.class).message());

      alice.typeLine("/quit");
      assertEquals(0, alice.awaitExit());
      assertTrue(
          alice.allStdout().stream().noneMatch(line -> line.contains("-!- server:") || line.contains("could not be")),
          alice.allStdout().toString());
    }
  }

  @Test
  void aPipedClientWhoseServerComesBackWantingAPasswordStopsWithOneLineAndExits4() throws Exception {
    int port;
    try (ChatServer open = ChatServer.start(ServerConfig.builder().port(0).build());
        RunningProcess bot = client("bot", "--server", open.uri().toString())) {
      bot.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- connected as bot$");
      port = open.port();
      open.close();
      try (ChatServer locked = ChatServer.start(ServerConfig.builder().port(port).password("sesame").build())) {
        // Not "still trying" for ever: a script cannot type the password.
        assertEquals(ChatRun.ENDED, bot.awaitExit());
        assertEquals(
            List.of("error: cannot reconnect: the server now wants a password, or another one (give it with --password-file or CHAT_PASSWORD)"),
            bot.allStderr());
      }
    }
  }

  @Test
  void aPipedClientThatAClusterWithoutRedisKeepsTurningAwayGivesUpAndExits3() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ChatServer node = ChatServer.start(ServerConfig.builder().port(0).redis(redis.uri()).build())) {
      redis.close();
      try (RunningProcess piper = client("piper", "--server", node.uri().toString())) {
        piper.typeLine("hi");
        piper.endInput();
        // Its patience for piped input is 30 s without progress; a connection turned away is none.
        assertTrue(piper.awaitExitFor(Duration.ofSeconds(90)), "still running: " + piper.allStdout());
        assertEquals(3, piper.awaitExit());
        assertEquals(List.of("error: 1 of 1 line not delivered: 1 never sent, for want of a connection"), piper.allStderr());
        List<String> out = piper.allStdout();
        assertEquals(
            1,
            out.stream().filter(line -> line.contains("-!- the server cannot take you in just now (the server's store is out of reach); trying again")).count(),
            out.toString());
        assertTrue(
            out.stream().noneMatch(line -> line.contains("connection lost") || line.contains("lines you type") || line.contains("-!- server:")),
            out.toString());
      }
    }
  }

  @Test
  void whenANodeOfAClusterIsKilledTheClientGoesOnOnTheNextAsItself() throws Exception {
    Path serverJar = RunningProcess.jarFromProperty("chat.server.jar");
    List<String> node = List.of("--port", "0", "--redis");
    try (RedisServer redis = RedisServer.start();
        RunningProcess first = RunningProcess.javaJar(serverJar, concat(node, redis.uri().toString()), Map.of());
        RunningProcess second = RunningProcess.javaJar(serverJar, concat(node, redis.uri().toString()), Map.of())) {
      String one = first.awaitStdout("^Listening on (ws://\\S+)$").group(1);
      String two = second.awaitStdout("^Listening on (ws://\\S+)$").group(1);
      WebSocketRecorder bob = WebSocketRecorder.base(URI.create(two)).open();
      try (RunningProcess alice = client("alice", "--server", one + "," + two)) {
        alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- connected as alice$");
        assertEquals("bob", register(bob, "bob"));
        alice.typeLine("before");
        assertEquals("before", nextMessageFrom(bob, "alice").message());

        first.kill();
        alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- trying " + java.util.regex.Pattern.quote(two) + "$");
        alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- reconnected as alice$");
        alice.typeLine("after the kill");
        assertEquals("after the kill", nextMessageFrom(bob, "alice").message());
        alice.endInput();
        assertEquals(0, alice.awaitExit());
      } finally {
        bob.close();
      }
    }
  }

  private static List<String> concat(List<String> args, String last) {
    List<String> all = new java.util.ArrayList<>(args);
    all.add(last);
    return all;
  }

  /** The next message from this sender, skipping others' and any other frame. */
  private static ChatMessage nextMessageFrom(WebSocketRecorder client, String from) throws InterruptedException {
    while (true) {
      ChatMessage message = client.nextMessage();
      if (message.from().equals(from)) {
        return message;
      }
    }
  }

  @Test
  void noServerIsOneClearLineAndExitCode1() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (RunningProcess alice = client("alice", "--server", "ws://127.0.0.1:" + closedPort)) {
      assertEquals(1, alice.awaitExit());
      assertEquals(
          List.of(
              "error: cannot connect to ws://127.0.0.1:" + closedPort
                  + ": connection refused (is the server running?)"),
          alice.allStderr());
      assertEquals(List.of(), alice.remainingStdout());
    }
  }

  @Test
  void worksWithAServerThatSpeaksOnlyTheBaseProtocol() throws Exception {
    NodeLikeServer node = new NodeLikeServer().started();
    try (RunningProcess alice = client("alice", "--server", node.uri().toString())) {
      assertEquals(
          // Piped input asks for no history; a base server ignores the ask, as YewChat sends dataArray too.
          "{\"messageType\":\"register\",\"data\":\"alice\",\"dataArray\":[\"rooms=#general\",\"history=0\"]}",
          node.received.poll(RunningProcess.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
      alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- connected as alice$");
      alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] -!- online \\(1\\): alice$");

      alice.typeLine("hello node");
      assertEquals(
          "{\"messageType\":\"message\",\"data\":\"hello node\"}",
          node.received.poll(RunningProcess.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
      alice.awaitStdout("^\\[\\d\\d:\\d\\d\\] alice: hello node$");

      alice.endInput();
      assertEquals(0, alice.awaitExit());
      assertTrue(alice.allStderr().isEmpty());
    } finally {
      node.stop(1000);
    }
  }
}
