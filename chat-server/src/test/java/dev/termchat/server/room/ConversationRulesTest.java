package dev.termchat.server.room;

import static dev.termchat.server.room.RoomSteps.closeRoom;
import static dev.termchat.server.room.RoomSteps.joinIn;
import static dev.termchat.server.room.RoomSteps.register;
import static dev.termchat.server.room.RoomSteps.skipTo;
import static dev.termchat.server.room.RoomSteps.startedRoom;
import static dev.termchat.server.room.RoomSteps.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.History;
import dev.termchat.protocol.NameRules;
import dev.termchat.protocol.Options;
import dev.termchat.protocol.PrivateChat;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Renamed;
import dev.termchat.protocol.Resumed;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Users;
import dev.termchat.protocol.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** History, resuming, private messages, actions and renames, on the room alone. */
class ConversationRulesTest {
  private static final Duration WINDOW = Duration.ofMinutes(2);

  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final MutableClock clock = new MutableClock(ChatRoomTest.NOW);
  private ChatRoom room = roomWith(RoomSettings.defaults());

  private ChatRoom roomWith(RoomSettings settings) {
    return startedRoom(settings, clock, fatal);
  }

  @AfterEach
  void close() {
    closeRoom(room, fatal);
  }

  /** Joins a member; its register reply. */
  private Register join(FakeMember member, Register register) throws InterruptedException {
    return joinIn(room, member, register);
  }

  private Register joinDespite(FakeMember member, Register register, ErrorCode problem) throws InterruptedException {
    return RoomSteps.joinDespite(room, member, register, problem);
  }

  private List<ChatMessage> say(FakeMember speaker, FakeMember listener, String... lines) throws InterruptedException {
    for (String line : lines) {
      room.say(speaker, line, false, null);
    }
    List<ChatMessage> seen = new ArrayList<>();
    while (seen.size() < lines.length) {
      seen.add(skipTo(listener, ChatMessage.class));
    }
    return seen;
  }

  @Test
  void aJoiningExtendedClientGetsTheLatestFiftyAsHistoryOldestFirst() throws Exception {
    FakeMember alice = FakeMember.baseClient();
    join(alice, new Register("alice"));
    String[] lines = new String[60];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = "line " + i;
    }
    say(alice, alice, lines);

    FakeMember bob = FakeMember.extendedClient();
    join(bob, new Register("bob"));
    for (int i = 10; i < 60; i++) {
      History entry = bob.next(History.class);
      assertEquals("line " + i, entry.entry().message());
      assertEquals("alice", entry.entry().from());
    }
    assertTrue(bob.next() instanceof dev.termchat.protocol.Presence);
  }

  @Test
  void aClientMayAskForLessHistoryOrNoneButNotMoreThanFifty() throws Exception {
    FakeMember alice = FakeMember.baseClient();
    join(alice, new Register("alice"));
    say(alice, alice, "one", "two", "three");

    FakeMember one = FakeMember.extendedClient();
    join(one, register("one", "history=1"));
    assertEquals("three", one.next(History.class).entry().message());
    assertFalse(one.next() instanceof History);

    FakeMember none = FakeMember.extendedClient();
    join(none, register("none", "history=0"));
    assertFalse(none.next() instanceof History);

    FakeMember base = FakeMember.baseClient();
    join(base, register("base", "history=5"));
    assertTrue(base.next() instanceof Users, "a base client never gets history");
  }

  @Test
  void historyZeroKeepsNothing() throws Exception {
    room.close();
    room = roomWith(new RoomSettings(RoomSettings.LOCAL_NODE, true, 0, 10_000, 100, WINDOW, PresenceLimits.defaults()));
    FakeMember alice = FakeMember.baseClient();
    join(alice, new Register("alice"));
    say(alice, alice, "forgotten");
    FakeMember bob = FakeMember.extendedClient();
    join(bob, new Register("bob"));
    assertFalse(bob.next() instanceof History);
  }

  @Test
  void historyKeepsTheNameAMessageWasSentUnder() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    join(alice, new Register("alice"));
    say(alice, alice, "before");
    room.rename(alice, "alicia");
    assertEquals(new Register("alicia"), skipTo(alice, Register.class));
    FakeMember bob = FakeMember.extendedClient();
    join(bob, new Register("bob"));
    assertEquals("alice", bob.next(History.class).entry().from());
  }

  @Test
  void aResumingClientGetsExactlyWhatItMissedInOrderAndItsName() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    String token = token(join(alice, new Register("alice")));
    FakeMember bob = FakeMember.extendedClient();
    join(bob, new Register("bob"));
    String lastSeen = say(bob, alice, "seen").get(0).id();
    room.leave(alice, "connection lost");
    alice.awaitLeft();
    say(bob, bob, "missed 1", "missed 2");

    FakeMember again = FakeMember.extendedClient();
    Register reply = join(again, register("alice", "resume=" + lastSeen, "token=" + token));
    assertEquals("alice", reply.name());
    assertNotEquals(token, token(reply), "a resumed session gets a new secret");
    assertEquals(new Resumed(true, 2), again.next(Resumed.class));
    assertEquals("missed 1", again.next(ChatMessage.class).message());
    assertEquals("missed 2", again.next(ChatMessage.class).message());
    assertFalse(again.next() instanceof ChatMessage);
  }

  @Test
  void aResumeFromAnIdNoLongerKeptSaysSoAndSendsWhatIsKeptAfterIt() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    join(alice, new Register("alice"));
    say(alice, alice, "kept");
    FakeMember again = FakeMember.extendedClient();
    join(again, register("again", "resume=0-12345", "history=5"));
    assertEquals(new Resumed(false, 1), again.next(Resumed.class));
    assertEquals("kept", again.next(ChatMessage.class).message());
  }

  @Test
  void moreThanThreeHundredMissedIsAGapWithTheLatestThreeHundred() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    join(alice, new Register("alice"));
    String lastSeen = say(alice, alice, "seen").get(0).id();
    String[] lines = new String[310];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = "m" + i;
    }
    say(alice, alice, lines);
    FakeMember again = FakeMember.extendedClient();
    join(again, register("again", "resume=" + lastSeen));
    assertEquals(new Resumed(false, 300), again.next(Resumed.class));
    for (int i = 10; i < 310; i++) {
      assertEquals("m" + i, again.next(ChatMessage.class).message());
    }
  }

  @Test
  void aDroppedClientsNameIsHeldForItsTokenWithinTheWindowAndFreeAfter() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    String token = token(join(alice, new Register("alice")));
    room.leave(alice, "connection lost");
    alice.awaitLeft();

    FakeMember other = FakeMember.baseClient();
    assertEquals("alice-2", join(other, new Register("alice")).name());

    String forged = token.substring(0, token.length() - 2) + (token.endsWith("xx") ? "yy" : "xx");
    Register wrongReply = joinDespite(FakeMember.extendedClient(), register("alice", "token=" + forged), ErrorCode.INVALID_TOKEN);
    assertEquals("alice-3", wrongReply.name());

    joinDespite(FakeMember.extendedClient(), register("g", "token=not a token"), ErrorCode.INVALID_TOKEN);

    clock.advance(WINDOW.plusMillis(1));
    Register lateReply = joinDespite(FakeMember.extendedClient(), register("alice", "token=" + token), ErrorCode.INVALID_TOKEN);
    assertEquals("alice", lateReply.name(), "the hold ran out, so anyone may have the name");
  }

  @Test
  void aTokenPresentedWhileItsConnectionSeemsOnLineTakesTheSessionFromIt() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    String token = token(join(alice, new Register("alice")));
    // The client gave up on a connection that went silent; the server has not noticed yet.
    FakeMember back = FakeMember.extendedClient();
    Register reply = join(back, register("x", "token=" + token));
    assertEquals("alice", reply.name());
    alice.awaitLeft();
    assertTrue(alice.wasReplaced(), "the old connection is closed");
    assertEquals(List.of("alice"), room.names());
  }

  @Test
  void twoRoomsThatApplyTheSameLogPickTheSameNames() throws Exception {
    // What a cluster needs: names picked at random follow from the log, not from the node.
    ChatRoom other = roomWith(RoomSettings.defaults());
    try {
      List<String> here = new ArrayList<>();
      List<String> there = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        here.add(join(FakeMember.extendedClient(), new Register(null)).name());
        there.add(joinIn(other, FakeMember.extendedClient(), new Register(null)).name());
      }
      for (int i = 0; i < 10; i++) {
        here.add(join(FakeMember.extendedClient(), new Register("x")).name());
        there.add(joinIn(other, FakeMember.extendedClient(), new Register("x")).name());
      }
      assertEquals(here, there);
      assertTrue(here.get(12).matches("x-\\d+") && !here.get(12).equals("x-9"), "past -9, picked: " + here);
    } finally {
      other.close();
    }
  }

  @Test
  void oneAddressHoldsOnlySoManyNamesWithoutConnections() throws Exception {
    for (int i = 0; i <= OfflineSessions.PER_ADDRESS; i++) {
      FakeMember squatter = FakeMember.extendedClientFrom("198.51.100.7");
      join(squatter, new Register("name" + i));
      room.leave(squatter, "connection lost");
      squatter.awaitLeft();
    }
    String last = "name" + OfflineSessions.PER_ADDRESS;
    assertEquals(last, join(FakeMember.extendedClient(), new Register(last)).name(), "the newest hold gave way");
    assertEquals("name0-2", join(FakeMember.extendedClient(), new Register("name0")).name(), "the older are held");
  }

  @Test
  void aSessionOnLineIsNeverGivenUpForRoom() throws Exception {
    FakeMember alice = FakeMember.extendedClientFrom("198.51.100.8");
    String token = token(join(alice, new Register("alice")));
    for (int i = 0; i <= OfflineSessions.PER_ADDRESS; i++) {
      FakeMember other = FakeMember.extendedClientFrom("198.51.100.8");
      join(other, new Register("other" + i));
      room.leave(other, "connection lost");
      other.awaitLeft();
    }
    assertEquals("alice", join(FakeMember.extendedClient(), register("x", "token=" + token)).name());
    alice.awaitLeft();
    assertTrue(alice.wasReplaced(), "its session was still there to take over");
  }

  @Test
  void aRenameThatOnlyChangesCaseMayNotMakeALookAlikeOfSomeoneElse() throws Exception {
    join(FakeMember.extendedClient(), new Register("clara"));
    FakeMember ciara = FakeMember.extendedClient();
    join(ciara, new Register("ciara"));
    room.rename(ciara, "cIara");
    assertEquals("cIara-2", skipTo(ciara, Register.class).name());
    FakeMember alice = FakeMember.extendedClient();
    join(alice, new Register("alice"));
    room.rename(alice, "Alice");
    assertEquals("Alice", skipTo(alice, Register.class).name(), "one's own name in another case");
  }

  @Test
  void aClientThatQuitsOnPurposeEndsItsSessionAndHoldsNoName() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    String token = token(join(alice, new Register("alice")));
    room.quit(alice, "close code 1000");
    alice.awaitLeft();
    assertEquals("alice", join(FakeMember.extendedClient(), new Register("alice")).name(), "not held");
    Register reply = joinDespite(FakeMember.extendedClient(), register("x", "token=" + token), ErrorCode.INVALID_TOKEN);
    assertEquals("x", reply.name());
  }

  @Test
  void aTokenUsedOnceIsWorthNothingAfter() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    String token = token(join(alice, new Register("alice")));
    room.leave(alice, "lost");
    alice.awaitLeft();
    FakeMember back = FakeMember.extendedClient();
    join(back, register("alice", "token=" + token));
    room.leave(back, "lost again");
    back.awaitLeft();
    Register reply = joinDespite(FakeMember.extendedClient(), register("alice", "token=" + token), ErrorCode.INVALID_TOKEN);
    assertEquals("alice-2", reply.name());
  }

  @Test
  void aLineSentAgainUnderTheSameIdIsSaidOnceAndEchoedToItsSender() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    join(alice, new Register("alice"));
    FakeMember bob = FakeMember.extendedClient();
    join(bob, new Register("bob"));
    room.say(alice, "once", false, "c1");
    room.say(alice, "once", false, "c1");
    room.say(alice, "next", false, "c2");
    ChatMessage first = skipTo(alice, ChatMessage.class);
    assertEquals(first, skipTo(alice, ChatMessage.class), "the echo again, the same id");
    assertEquals("next", skipTo(alice, ChatMessage.class).message());
    assertEquals("once", skipTo(bob, ChatMessage.class).message());
    assertEquals("next", skipTo(bob, ChatMessage.class).message());
  }

  @Test
  void aPrivateMessageReachesItsRecipientAndSenderOnly() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    join(alice, new Register("alice"));
    FakeMember bob = FakeMember.extendedClient();
    join(bob, new Register("bob"));
    FakeMember carol = FakeMember.extendedClient();
    join(carol, new Register("carol"));
    room.whisper(alice, "BOB", "psst", "c1");
    room.say(alice, "public", false, null);
    PrivateChat toBob = skipTo(bob, PrivateChat.class);
    assertEquals(List.of("alice", "bob", "psst", "c1"), List.of(toBob.from(), toBob.to(), toBob.message(), toBob.clientId()));
    assertEquals(toBob, skipTo(alice, PrivateChat.class));
    ServerFrame carolSees;
    do {
      carolSees = carol.next();
      assertFalse(carolSees instanceof PrivateChat);
    } while (!(carolSees instanceof ChatMessage));
  }

  @Test
  void aPrivateMessageToNoOneOnlineOrToABaseClientIsRefusedAndDeliversNothing() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    join(alice, new Register("alice"));
    FakeMember base = FakeMember.baseClient();
    join(base, new Register("yew"));
    room.whisper(alice, "nobody", "psst", null);
    room.whisper(alice, "yew", "psst", null);
    ErrorReply unknown = skipTo(alice, ErrorReply.class);
    assertEquals(ErrorCode.UNKNOWN_USER.wireName(), unknown.code());
    assertTrue(unknown.reason().contains("\"nobody\""), unknown.reason());
    ErrorReply cannot = skipTo(alice, ErrorReply.class);
    assertEquals(ErrorCode.CANNOT_RECEIVE.wireName(), cannot.code());
    room.say(alice, "after", false, null);
    assertEquals("after", skipTo(base, ChatMessage.class).message(), "nothing private came before it");
  }

  @Test
  void aRenameFollowsTheNameRulesAndEveryoneHearsOfIt() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    join(alice, new Register("alice"));
    FakeMember bob = FakeMember.extendedClient();
    join(bob, new Register("bob"));
    FakeMember base = FakeMember.baseClient();
    join(base, new Register("yew"));

    room.rename(alice, "bob");
    assertEquals(new Register("bob-2"), skipTo(alice, Register.class));
    assertEquals(new Renamed("alice", "bob-2"), skipTo(bob, Renamed.class));
    assertEquals(new Users(List.of("bob", "yew", "bob-2")), skipTo(bob, Users.class));
    Users seenByBase;
    do {
      seenByBase = skipTo(base, Users.class);
    } while (!seenByBase.names().contains("bob-2"));

    room.rename(alice, "server");
    ErrorReply refused = skipTo(alice, ErrorReply.class);
    assertEquals(ErrorCode.INVALID_NAME.wireName(), refused.code());
    assertTrue(refused.reason().endsWith("your name is still bob-2"), refused.reason());
  }

  @Test
  void afterARenameOnesOwnEchoAndEveryonesCopyCarryTheNewName() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    join(alice, new Register("alice"));
    FakeMember base = FakeMember.baseClient();
    join(base, new Register("yew"));
    room.rename(alice, "alicia");
    assertEquals("alicia", skipTo(alice, Register.class).name());
    room.say(alice, "hi", false, "c1");
    ChatMessage echo = skipTo(alice, ChatMessage.class);
    assertEquals("alicia", echo.from());
    assertEquals("c1", echo.clientId());
    ChatMessage seen = skipTo(base, ChatMessage.class);
    assertEquals("alicia", seen.from());
  }

  @Test
  void aGuestNameInUseIsNeverGivenToAnotherNorAVariantOfItByJoinOrRename() throws Exception {
    // The terminal client makes up guest-NNNN itself when run without a name, so asking for a
    // free one is allowed; one in use gets a fresh guest name, never "guest-NNNN-2".
    FakeMember plain = FakeMember.plainClient();
    room.attach(plain);
    room.joinPlain(plain);
    FakeMember watcher = FakeMember.extendedClient();
    join(watcher, new Register("watcher"));
    String guest = plain.name();
    assertTrue(NameRules.isGuestName(guest), guest);

    String asked = join(FakeMember.extendedClient(), new Register(guest)).name();
    assertNotEquals(guest, asked);
    assertTrue(NameRules.isGuestName(asked), asked);

    FakeMember renamer = FakeMember.extendedClient();
    join(renamer, new Register("renamer"));
    room.rename(renamer, guest);
    String renamed = skipTo(renamer, Register.class).name();
    assertNotEquals(guest, renamed);
    assertTrue(NameRules.isGuestName(renamed), renamed);
    room.rename(renamer, "guest-1000");
    assertEquals("guest-1000", skipTo(renamer, Register.class).name(), "a free guest name is anyone's");
  }

  @Test
  void renamesAndRegisterRepliesCarryTheTokenOnlyAtJoin() throws Exception {
    FakeMember alice = FakeMember.extendedClient();
    Register reply = join(alice, new Register("alice"));
    assertTrue(Options.value(reply.options(), Wire.OPTION_TOKEN).isPresent());
    room.rename(alice, "alicia");
    assertEquals(List.of(), skipTo(alice, Register.class).options());
  }
}
