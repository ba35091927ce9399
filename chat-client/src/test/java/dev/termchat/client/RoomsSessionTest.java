package dev.termchat.client;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.InRoom;
import dev.termchat.protocol.Join;
import dev.termchat.protocol.Nick;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Welcome;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.CuttableProxy;
import dev.termchat.testing.WebSocketRecorder;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A session in rooms against a real server: where its lines go, what it shows of other rooms. */
class RoomsSessionTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture();

  private final RecordingView view = new RecordingView();
  private ChatSession session;

  @AfterEach
  void close() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  private ChatSession start(String name, List<String> rooms) throws Exception {
    session = QuickSessions.inRooms(Duration.ofSeconds(5), name, rooms, view, chat.uri());
    assertEquals(Optional.empty(), session.start());
    return session;
  }

  /** A rooms client of the test's own, in these rooms, its register reply taken. */
  private WebSocketRecorder roomsClient(String name, String rooms) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    client.nextFrame(Welcome.class);
    client.send(new Register(name, List.of("rooms=" + rooms)));
    client.nextFrame(Register.class);
    return client;
  }

  private static ChatMessage nextMessageIn(WebSocketRecorder client, String room) throws InterruptedException {
    while (true) {
      ServerFrame frame = client.nextServerFrame();
      if (frame instanceof InRoom inRoom && inRoom.frame() instanceof ChatMessage message) {
        assertEquals(room, inRoom.room());
        return message;
      }
    }
  }

  @Test
  void inTheDefaultRoomAloneItShowsWhatItAlwaysDid() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    start("alice", List.of("#general"));
    view.await("connected alice");
    assertEquals("users [bob, alice]", view.await("users"));
    session.say("hello");
    assertEquals("message alice: hello", view.await("message"));
    assertEquals("hello", bob.nextMessage().message());
  }

  @Test
  void linesGoToTheRoomTypedInAndOtherRoomsLinesAreTaggedAndCounted() throws Exception {
    WebSocketRecorder erin = roomsClient("erin", "#dev,#ops");
    start("alice", List.of("#general", "#dev"));
    view.await("entered #dev");
    session.rooms().join("#ops");
    assertEquals("entered #ops", view.await("entered"));
    assertEquals("switched #ops", view.await("switched"));
    session.say("in ops");
    assertEquals("in ops", nextMessageIn(erin, "#ops").message());

    erin.send(new SendMessage("ping dev", "e1", "#dev"));
    assertEquals("prompt #ops [#dev 1]", view.await("prompt #ops ["));
    assertEquals("[#dev] message erin: ping dev", view.await("[#dev]"));
    erin.send(new SendMessage("alice: look", "e2", "#dev"));
    assertEquals("prompt #ops [#dev 2 @1]", view.await("prompt #ops [#dev 2"));

    session.rooms().switchTo("#dev");
    assertEquals("switched #dev", view.await("switched"));
    assertEquals("prompt #dev", view.await("prompt #dev"));
    session.say("back in dev");
    ChatMessage back = nextMessageIn(erin, "#dev");
    while (!back.from().equals("alice")) {
      back = nextMessageIn(erin, "#dev"); // erin's own lines come back to it first
    }
    assertEquals("back in dev", back.message());

    session.rooms().part(Optional.empty());
    assertEquals("parted #dev", view.await("parted"));
  }

  /** A room's name may end in the prompt's old mention mark, {@code !}: mentions are counted apart. */
  @Test
  void thePromptTellsARoomNamedWithAMarkFromItsMentions() throws Exception {
    WebSocketRecorder erin = roomsClient("erin", "#name!");
    start("alice", List.of("#general", "#name!"));
    view.await("users #name!");
    erin.send(new SendMessage("plain", "e1", "#name!"));
    erin.send(new SendMessage("plain again", "e2", "#name!"));
    assertEquals("prompt #general [#name! 2]", promptBefore("[#name!] message erin: plain again"));
    erin.send(new SendMessage("alice: look", "e3", "#name!"));
    assertEquals("prompt #general [#name! 3 @1]", promptBefore("[#name!] message erin: alice: look"));
  }

  @Test
  void keysStepThroughTheRoomsInTheOrderJoined() throws Exception {
    start("alice", List.of("#general", "#dev", "#ops"));
    view.await("entered #ops");
    session.rooms().step(1);
    assertEquals("switched #dev", view.await("switched"));
    session.rooms().number(3);
    assertEquals("switched #ops", view.await("switched"));
    session.rooms().step(1);
    assertEquals("switched #general", view.await("switched"));
  }

  @Test
  void afterADropItIsBackInEveryRoomAndMissesNothingInAny() throws Exception {
    WebSocketRecorder erin = roomsClient("erin", "#general,#dev");
    try (CuttableProxy proxy = new CuttableProxy(chat.uri())) {
      session = QuickSessions.inRooms(Duration.ofSeconds(5), "alice", List.of("#general", "#dev"), view, proxy.uri(chat.uri()));
      assertEquals(Optional.empty(), session.start());
      view.await("entered #dev");
      view.await("users #dev");
      proxy.cut();
      view.await("lost");
      erin.send(new SendMessage("while away in general", "e1"));
      erin.send(new SendMessage("while away in dev", "e2", "#dev"));
      nextMessageIn(erin, "#general");
      nextMessageIn(erin, "#dev");
      proxy.restore();
      assertEquals("reconnected alice", view.await("reconnected"));
      assertEquals("message erin: while away in general", view.await("message erin"));
      assertEquals("[#dev] message erin: while away in dev", view.await("[#dev] message erin"));
    }
  }

  /** The last prompt shown before an event that starts with the prefix, which it waits for. */
  private String promptBefore(String prefix) throws InterruptedException {
    view.await(prefix);
    List<String> all = view.all();
    String prompt = null;
    for (String event : all) {
      if (event.startsWith(prefix)) {
        return prompt;
      }
      if (event.startsWith("prompt ")) {
        prompt = event;
      }
    }
    throw new AssertionError("no " + prefix + " in " + all);
  }

  @Test
  void unreadLinesAndMentionsAreStillCountedAfterADrop() throws Exception {
    WebSocketRecorder erin = roomsClient("erin", "#general,#dev,#ops");
    try (CuttableProxy proxy = new CuttableProxy(chat.uri())) {
      session = QuickSessions.inRooms(Duration.ofSeconds(5), "alice", List.of("#general", "#dev", "#ops"), view, proxy.uri(chat.uri()));
      assertEquals(Optional.empty(), session.start());
      view.await("users #ops");
      erin.send(new SendMessage("ping dev", "e1", "#dev"));
      erin.send(new SendMessage("alice: look in ops", "e2", "#ops"));
      assertEquals("prompt #general [#dev 1, #ops 1 @1]", promptBefore("[#ops] message erin"));
      proxy.cut();
      view.await("lost");
      proxy.restore();
      view.await("reconnected");
      erin.send(new SendMessage("again in dev", "e3", "#dev"));
      assertEquals("prompt #general [#dev 2, #ops 1 @1]", promptBefore("[#dev] message erin: again"));

      proxy.cut(); // a second drop, with nothing missed
      view.await("lost");
      proxy.restore();
      view.await("reconnected");
      erin.send(new SendMessage("once more in dev", "e4", "#dev"));
      assertEquals("prompt #general [#dev 3, #ops 1 @1]", promptBefore("[#dev] message erin: once more"));
    }
  }

  @Test
  void aQuietRoomIsCaughtUpWholeAfterADropThatFollowsARestart() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(chat.uri())) {
      session = QuickSessions.inRooms(Duration.ofSeconds(5), "alice", List.of("#general", "#quiet"), view, proxy.uri(chat.uri()));
      assertEquals(Optional.empty(), session.start());
      view.await("users #quiet");
      chat.restart(); // A new log: the positions the session had are from a log that is gone.
      view.await("lost");
      view.await("reconnected");
      view.await("users #quiet");
      proxy.cut();
      view.await("lost");
      proxy.restore();
      assertEquals("reconnected alice", view.await("reconnected"));
      assertEquals("resumed complete 0", view.await("resumed"));
      assertEquals("resumed #quiet complete 0", view.await("resumed #quiet"));
    }
  }

  @Test
  void afterADropLinesStillGoToTheRoomTypedIn() throws Exception {
    WebSocketRecorder erin = roomsClient("erin", "#general,#dev");
    try (CuttableProxy proxy = new CuttableProxy(chat.uri())) {
      session = QuickSessions.inRooms(Duration.ofSeconds(5), "alice", List.of("#general", "#dev"), view, proxy.uri(chat.uri()));
      assertEquals(Optional.empty(), session.start());
      view.await("users #dev");
      session.rooms().switchTo("#dev");
      view.await("switched #dev");
      proxy.cut();
      view.await("lost");
      proxy.restore();
      view.await("reconnected");
      session.say("still in dev");
      ChatMessage said = nextMessageIn(erin, "#dev");
      while (!said.from().equals("alice")) {
        said = nextMessageIn(erin, "#dev");
      }
      assertEquals("still in dev", said.message());
    }
  }

  @Test
  void aLineForARoomJustLeftIsRefusedAndTheLinesAfterItGoOn() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(chat.uri())) {
      session = QuickSessions.inRooms(Duration.ofSeconds(5), "alice", List.of("#general", "#dev"), view, proxy.uri(chat.uri()));
      assertEquals(Optional.empty(), session.start());
      view.await("users #dev");
      session.rooms().switchTo("#dev");
      view.await("switched #dev");
      // The line is typed before the server's answer to the part arrives, as a person typing fast does.
      proxy.holdToClients();
      session.rooms().part(Optional.empty());
      session.say("too late for dev");
      proxy.releaseToClients();
      view.await("error not-in-room");
      session.say("in general");
      assertEquals("message alice: in general", view.await("message alice"));
      assertEquals(new DeliveryReport(2, 1, 1, 0, 0, 0, 0, 0), session.awaitDelivery(Duration.ofSeconds(10)));
    }
  }

  @Test
  void inNoRoomALineIsNotSentAndThePersonIsTold() throws Exception {
    start("alice", List.of());
    view.await("connected alice");
    session.say("anyone?");
    assertEquals("info not sent: you are in no room; /join #ROOM joins one", view.await("info not sent"));
    assertEquals(new DeliveryReport(1, 0, 0, 0, 0, 0, 0, 0, 1), session.awaitDelivery(Duration.ofSeconds(1)));
  }

  @Test
  void joiningFromNoRoomSaysEachRoomJoinedAndTypesInTheLast() throws Exception {
    start("dave", List.of());
    view.await("connected dave");
    session.rooms().join(List.of("#x7", "#x8"));
    view.await("users #x8");
    List<String> all = view.all();
    assertEquals(List.of("entered #x7", "entered #x8", "switched #x8"),
        all.stream().filter(event -> event.startsWith("entered") || event.startsWith("switched")).toList(), all.toString());
    assertEquals("prompt #x8", all.stream().filter(event -> event.startsWith("prompt")).reduce((a, b) -> b).orElse(null), all.toString());
    session.say("hello");
    assertEquals("message dave: hello", view.await("message dave"), view.all().toString());
  }

  @Test
  void aRoomJoinedAgainUnderAnotherCaseIsSaidJoined() throws Exception {
    roomsClient("erin", "#dev");
    start("carol", List.of("#general", "#dev"));
    view.await("users #dev");
    session.rooms().part(Optional.of("#dev"));
    view.await("parted #dev");
    session.rooms().join(List.of("#Dev", "#QA"));
    view.await("users #QA");
    List<String> all = view.all();
    assertEquals(List.of("entered #dev", "parted #dev", "entered #dev", "entered #QA", "switched #QA"),
        all.stream().filter(event -> event.matches("(entered|switched|parted) .*")).toList(), all.toString());
  }

  @Test
  void anOwnRenameInSeveralRoomsIsSaidOnceAsOnesOwn() throws Exception {
    roomsClient("erin", "#general,#dev,#ops");
    start("bob", List.of("#general", "#dev", "#ops"));
    view.await("users #ops");
    session.nick("robert");
    assertEquals("renamed bob robert (self)", view.await("renamed"));
    session.say("said as robert");
    view.await("message robert: said as robert");
    List<String> all = view.all();
    assertEquals(List.of("renamed bob robert (self)"), all.stream().filter(event -> event.startsWith("renamed")).toList(), all.toString());
  }

  /**
   * Two people in turn taking one name from the same variant, as a bot that joins as
   * {@code bot-2} and logs in to {@code bot} on each run: each rename is said, though the second
   * reads as the first (which every room of the renamed one tells again, said once).
   */
  @Test
  void theSameRenameAgainIsSaidAgain() throws Exception {
    start("alice", List.of("#general", "#dev"));
    view.await("users #dev");
    WebSocketRecorder first = roomsClient("bot-2", "#general,#dev");
    first.send(new Nick("bot"));
    assertEquals("renamed bot-2 bot", view.await("renamed"));
    first.close();
    first.nextCloseSkippingFrames(); // A close the server answered: a quit, whose name is not held.
    view.await("left");
    WebSocketRecorder second = roomsClient("bot-2", "#general,#dev");
    second.send(new Nick("bot"));
    try {
      assertEquals("renamed bot-2 bot", view.await("renamed"), view.all().toString());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the second bot-2 was sent " + second.framesSoFar(), e);
    }
    second.close();
  }

  @Test
  void anOwnRenameToANameNotAskedForSaysWhy() throws Exception {
    roomsClient("erin", "#general,#dev");
    roomsClient("robert", "#general");
    start("bob", List.of("#general", "#dev"));
    view.await("users #dev");
    session.nick("robert");
    assertEquals("renamed bob robert-2 (self) (robert is taken)", view.await("renamed"));
  }

  @Test
  void aRenameInNoRoomIsSaid() throws Exception {
    start("alice", List.of());
    view.await("connected alice");
    session.nick("alicia");
    assertEquals("renamed alice alicia (self)", view.await("renamed"));
  }

  @Test
  void aNameTakenInARoomSharedIsSaidTaken() throws Exception {
    roomsClient("bob", "#dev,#name!");
    start("carol", List.of("#general", "#bad", "#name!"));
    view.await("users #name!");
    session.nick("bob");
    assertEquals("renamed carol bob-2 (self) (bob is taken)", view.await("renamed"), view.all().toString());
  }

  /** Newcomers to a room are told its members in a batch: the rename waits for them, to say why. */
  @Test
  void aNameTakenBySomeoneJustComeIntoASharedRoomIsSaidTaken() throws Exception {
    start("carol", List.of("#general", "#bad", "#name!"));
    view.await("users #name!");
    roomsClient("bob", "#dev,#name!");
    session.nick("bob");
    assertEquals("renamed carol bob-2 (self) (bob is taken)", view.await("renamed"), view.all().toString());
  }

  @Test
  void aNameTakenOnlyInRoomsNotSharedIsNotSaidHeldForSomeoneWhoDropped() throws Exception {
    roomsClient("bob", "#dev,#name!");
    start("carol", List.of("#general", "#bad"));
    view.await("users #bad");
    session.nick("bob");
    assertEquals("renamed carol bob-2 (self) (bob is taken, or held for someone who just dropped)", view.await("renamed"));
  }

  @Test
  void aNameTakenOnlyInRoomsNotSharedIsNotSaidHeldAtTheStartEither() throws Exception {
    roomsClient("hank", "#dev");
    start("hank", List.of("#general"));
    assertEquals("connected hank-2 (hank is taken, or held for someone who just dropped)", view.await("connected"));
  }

  @Test
  void aHundredAndOneRoomsJoinedAtOnceAreJoinedUpToTheLimitWithinTheServersRate() throws Exception {
    start("dave", List.of("#general"));
    view.await("connected dave");
    session.rooms().join(IntStream.rangeClosed(1, 101).mapToObj(i -> "#r" + i).toList());
    // #general and 99 more are the 100 a connection may be in.
    assertEquals("error too-many-rooms", view.await("error"));
    assertEquals("info not joined either, for the same reason: #r101", view.await("info not joined"));
    List<String> all = view.all();
    assertEquals(IntStream.rangeClosed(1, 99).mapToObj(i -> "entered #r" + i).toList(),
        all.stream().filter(event -> event.startsWith("entered")).toList(), all.toString());
    assertEquals(1, all.stream().filter(event -> event.startsWith("error")).count(), all.toString());
  }

  @Test
  void commandsAndKeysThatChangeNothingSaySo() throws Exception {
    start("alice", List.of("#general", "#ops"));
    view.await("users #ops");
    session.rooms().switchTo("#general");
    assertEquals("info you are already typing in #general", view.await("info"));
    session.rooms().join(List.of("#ops"));
    assertEquals("switched #ops", view.await("switched"));
    session.rooms().join(List.of("#OPS"));
    assertEquals("info you are already in #ops and typing there", view.await("info"));
    session.rooms().number(9);
    assertEquals("info no room 9: you are in 2", view.await("info"));
    session.rooms().part(Optional.of("#general"));
    view.await("parted #general");
    session.rooms().step(1);
    assertEquals("info no other room: you are in #ops alone", view.await("info"));
    session.rooms().part(Optional.empty());
    view.await("parted #ops");
    session.rooms().step(1);
    assertEquals("info " + SessionRooms.NO_ROOM, view.await("info"));
    session.rooms().number(1);
    assertEquals("info " + SessionRooms.NO_ROOM, view.await("info"));
  }

  @Test
  void usersInNoRoomSaysSoAndHowToJoinOne() throws Exception {
    start("alice", List.of());
    view.await("connected alice");
    ConsoleReader console = new ConsoleReader(Input.plain(new BufferedReader(new StringReader(""))), session, view);
    console.handle("/users");
    assertEquals("info " + SessionRooms.NO_ROOM, view.await("info"));
    console.handle("/join #dev");
    view.await("users #dev");
    console.handle("/users");
    assertEquals("users [alice]", view.await("users"));
  }

  @Test
  void aPipedLineRightAfterAJoinGoesToTheRoomJoined() throws Exception {
    WebSocketRecorder erin = roomsClient("erin", "#dev");
    start("alice", List.of("#general"));
    view.await("users [");
    session.rooms().join("#dev");
    session.say("for dev");
    assertEquals("for dev", nextMessageIn(erin, "#dev").message());
  }

  @Test
  void theRoomsKnownOfAreOnesOwnThenThoseTheLastListNamed() throws Exception {
    roomsClient("erin", "#random,#dev");
    start("alice", List.of("#general", "#dev"));
    view.await("users #dev");
    session.rooms().list();
    view.await("rooms");
    session.pendingLines(); // the session thread is past the list, and published it
    assertEquals(List.of("#general", "#dev", "#random"), session.rooms().knownRoomNames());
    assertEquals(List.of("#general", "#dev"), session.rooms().roomNames());
  }

  @Test
  void aLineTypedWhileJoiningFromNoRoomGoesToTheLastRoomNamed() throws Exception {
    start("dave", List.of());
    view.await("connected dave");
    session.rooms().join(List.of("#x7", "#x8"));
    session.say("early");
    assertEquals("message dave: early", view.await("message dave").replace("[#x8] ", ""), view.all().toString());
    assertEquals(List.of(), view.all().stream().filter(event -> event.startsWith("[#x7]")).toList());
  }
}
