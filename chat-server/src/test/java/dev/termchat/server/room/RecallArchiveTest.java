package dev.termchat.server.room;

import static dev.termchat.server.room.RoomSteps.skipTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Scrollback;
import dev.termchat.protocol.ScrollbackPage;
import dev.termchat.protocol.Search;
import dev.termchat.protocol.SearchHits;
import dev.termchat.protocol.ServerFrame;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scrollback and search answered by an archive ({@link InMemoryArchive}), off the room's thread:
 * what it gives reaches the client, in its place among the client's replies, without the room
 * waiting for it; what it cannot give is {@code unavailable}.
 */
class RecallArchiveTest {
  private final CompletableFuture<Throwable> fatal = new CompletableFuture<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
  private final InMemoryArchive archive = new InMemoryArchive();
  private final ChatRoom room =
      new ChatRoom(new FrameCodec(), RoomSettings.defaults(), new InMemoryRoomLog(clock), new dev.termchat.server.metrics.ChatMeters() {}, archive, fatal::complete);
  private final FakeMember alice = FakeMember.extendedClient();

  @AfterEach
  void close() {
    RoomSteps.closeRoom(room, fatal);
    archive.close();
  }

  private void start() throws InterruptedException {
    for (int i = 1; i <= 5; i++) {
      archive.add("#general", new ChatMessage(false, "bob", "line " + i + (i % 2 == 0 ? " deploy friday" : ""), i, null, "1-" + i, null));
    }
    room.start();
    RoomSteps.joinIn(room, alice, new Register("alice"));
  }

  @Test
  void aPageComesFromTheArchiveOldestFirstWithWhetherThereIsMore() throws Exception {
    start();
    room.recall().scrollback(alice, new Scrollback(null, "1-5", 2));
    ScrollbackPage page = skipTo(alice, ScrollbackPage.class);
    assertEquals("#general", page.room());
    assertEquals(List.of("1-3", "1-4"), page.messages().stream().map(ChatMessage::id).toList());
    assertTrue(page.more());

    room.recall().scrollback(alice, new Scrollback(null, "1-3", 100));
    ScrollbackPage first = skipTo(alice, ScrollbackPage.class);
    assertEquals(List.of("1-1", "1-2"), first.messages().stream().map(ChatMessage::id).toList());
    assertFalse(first.more());
  }

  @Test
  void searchHitsComeBestFirstWithTheirMarks() throws Exception {
    start();
    room.recall().search(alice, new Search(null, "Deploy FRIDAY", 20));
    SearchHits hits = skipTo(alice, SearchHits.class);
    assertEquals("Deploy FRIDAY", hits.words());
    assertEquals(List.of("1-4", "1-2"), hits.hits().stream().map(hit -> hit.message().id()).toList());
    assertEquals(List.of(new SearchHits.Mark(7, 13), new SearchHits.Mark(14, 20)), hits.hits().get(0).marks());
    assertEquals("line 4 deploy friday", hits.hits().get(0).message().message());
  }

  @Test
  void theRoomDoesNotWaitForTheArchiveAndItsAnswerComesBehindTheRepliesBeforeIt() throws Exception {
    start();
    archive.hold();
    room.recall().scrollback(alice, new Scrollback(null, null, 1));
    room.say(alice, "said while the archive thinks", false, "c1");
    assertEquals("said while the archive thinks", skipTo(alice, ChatMessage.class).message());
    archive.release();
    assertEquals(List.of("1-5"), skipTo(alice, ScrollbackPage.class).messages().stream().map(ChatMessage::id).toList());
  }

  @Test
  void aClientHasOneQuestionAtTheArchiveAtATimeAndAllHaveABoundedNumber() throws Exception {
    start();
    archive.hold();
    room.recall().scrollback(alice, new Scrollback(null, null, 1));
    room.recall().search(alice, new Search(null, "deploy", 20));
    ErrorReply second = skipTo(alice, ErrorReply.class);
    assertEquals(ErrorCode.RATE_LIMITED.wireName(), second.code(), second.reason());
    List<FakeMember> others = new java.util.ArrayList<>();
    for (int i = 1; i < RecallRules.MOST_ASKING; i++) {
      FakeMember other = FakeMember.extendedClient();
      RoomSteps.joinIn(room, other, new Register("asker" + i));
      room.recall().search(other, new Search(null, "deploy", 20));
      others.add(other);
    }
    FakeMember late = FakeMember.extendedClient();
    RoomSteps.joinIn(room, late, new Register("late"));
    room.recall().search(late, new Search(null, "deploy", 20));
    ErrorReply busy = skipTo(late, ErrorReply.class);
    assertEquals(ErrorCode.UNAVAILABLE.wireName(), busy.code(), busy.reason());

    archive.release();
    assertEquals(List.of("1-5"), skipTo(alice, ScrollbackPage.class).messages().stream().map(ChatMessage::id).toList());
    for (FakeMember other : others) {
      assertEquals(2, skipTo(other, SearchHits.class).hits().size());
    }
    room.recall().search(late, new Search(null, "deploy", 20));
    assertEquals(2, skipTo(late, SearchHits.class).hits().size(), "asked again once the others were answered");
  }

  @Test
  void aServerThatHidesAddressesHidesThoseTheArchiveKeptFromBefore() throws Exception {
    RoomSettings shared = RoomSettings.defaults();
    RoomSettings hidden = new RoomSettings(shared.node(), false, shared.historySize(), shared.maxRooms(),
        shared.maxRoomsPerConnection(), shared.resumeWindow(), shared.presence());
    InMemoryArchive kept = new InMemoryArchive();
    kept.add("#general", new ChatMessage(false, "bob", "from a start that shared addresses", 1, "10.0.0.7:5000", "1-1", null));
    ChatRoom hiding = new ChatRoom(new FrameCodec(), hidden, new InMemoryRoomLog(clock), new dev.termchat.server.metrics.ChatMeters() {}, kept, fatal::complete);
    try {
      hiding.start();
      RoomSteps.joinIn(hiding, alice, new Register("alice"));
      hiding.recall().scrollback(alice, new Scrollback(null, null, 10));
      assertEquals(null, skipTo(alice, ScrollbackPage.class).messages().get(0).address());
      hiding.recall().search(alice, new Search(null, "shared", 10));
      assertEquals(null, skipTo(alice, SearchHits.class).hits().get(0).message().address());
    } finally {
      RoomSteps.closeRoom(hiding, fatal);
      kept.close();
    }
  }

  @Test
  void aClientThatHasNotRegisteredIsToldSo() throws Exception {
    start();
    FakeMember stranger = FakeMember.extendedClient();
    room.attach(stranger);
    room.recall().search(stranger, new Search(null, "deploy", 20));
    assertEquals(ErrorCode.NOT_REGISTERED.wireName(), skipTo(stranger, ErrorReply.class).code());
  }

  @Test
  void anArchiveThatFailsIsUnavailableAndTheRoomGoesOn() throws Exception {
    start();
    archive.breakDown();
    room.recall().search(alice, new Search(null, "deploy", 20));
    ErrorReply error = skipTo(alice, ErrorReply.class);
    assertEquals(ErrorCode.UNAVAILABLE.wireName(), error.code());
    room.say(alice, "still here", false, null);
    assertEquals("still here", skipTo(alice, ChatMessage.class).message());
  }

  @Test
  void aRoomTheClientIsNotInIsNotInRoomAndTheArchiveIsNotAsked() throws Exception {
    start();
    archive.breakDown(); // Asked, it would answer unavailable.
    room.recall().scrollback(alice, new Scrollback("#ops", null, 10));
    assertEquals(ErrorCode.NOT_IN_ROOM.wireName(), skipTo(alice, ErrorReply.class).code());
    room.recall().search(alice, new Search("no room", "x", 10));
    ServerFrame next = skipTo(alice, ErrorReply.class);
    assertEquals(ErrorCode.NOT_IN_ROOM.wireName(), ((ErrorReply) next).code());
  }
}
