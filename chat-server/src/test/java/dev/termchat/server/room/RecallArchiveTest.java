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
