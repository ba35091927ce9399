package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.FrameCodec;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.RoomNames;
import dev.termchat.protocol.Scrollback;
import dev.termchat.protocol.ScrollbackPage;
import dev.termchat.protocol.Search;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.SearchHits;
import dev.termchat.protocol.ServerFrame;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.RoomMember;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scrollback and search from a server that keeps its history in memory alone, over real
 * sockets: pages of a room before an id, oldest first, ending where the history ends; hits from
 * the history; refusals with their codes; base clients see nothing of it.
 */
class ScrollbackTest {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.historySize(200));

  private static final FrameCodec CODEC = new FrameCodec();

  private WebSocketRecorder extended(String name) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    Welcome welcome = client.nextFrame(Welcome.class);
    assertTrue(welcome.capabilities().contains(Wire.CAPABILITY_SCROLLBACK), welcome.toString());
    assertTrue(welcome.capabilities().contains(Wire.CAPABILITY_SEARCH), "the history in memory is searched: " + welcome);
    client.send(new Register(name));
    client.nextFrame(Register.class);
    return client;
  }

  /** Says these lines and returns their ids, from their echoes. */
  private static List<String> say(WebSocketRecorder client, String... lines) throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (String line : lines) {
      client.send(new SendMessage(line, "c" + ids.size()));
      ids.add(client.nextFrameAfterPresence(ChatMessage.class).id());
    }
    return ids;
  }

  private static List<String> texts(ScrollbackPage page) {
    return page.messages().stream().map(ChatMessage::message).toList();
  }

  @Test
  void pagesGoBackFromAnIdOldestFirstAndEndWhereTheHistoryEnds() throws Exception {
    WebSocketRecorder alice = extended("alice");
    List<String> ids = say(alice, "one", "two", "three", "four", "five");

    alice.send(new Scrollback(null, ids.get(4), 2));
    ScrollbackPage page = alice.nextFrameAfterPresence(ScrollbackPage.class);
    assertEquals("#general", page.room());
    assertEquals(List.of("three", "four"), texts(page));
    assertEquals(ids.subList(2, 4), page.messages().stream().map(ChatMessage::id).toList());
    assertTrue(page.more());

    alice.send(new Scrollback(null, ids.get(2), 100));
    ScrollbackPage last = alice.nextFrameAfterPresence(ScrollbackPage.class);
    assertEquals(List.of("one", "two"), texts(last));
    assertFalse(last.more(), "memory is all there is");

    alice.send(new Scrollback(null, null, 1000));
    assertEquals(List.of("one", "two", "three", "four", "five"), texts(alice.nextFrameAfterPresence(ScrollbackPage.class)));
  }

  @Test
  void aRoomsClientScrollsBackInItsRoomsAndInNoOther() throws Exception {
    RoomMember carol = RoomMember.join(chat, "carol", "#general,#dev");
    carol.say("#dev", "in dev");
    carol.say("#general", "in general");
    WebSocketRecorder client = carol.client();

    client.send(new Scrollback("#DEV", null, 10));
    ScrollbackPage page = nextPage(client);
    assertEquals("#dev", page.room());
    assertEquals(List.of("in dev"), texts(page));

    client.send(new Scrollback("#ops", null, 10));
    assertEquals(ErrorCode.NOT_IN_ROOM.wireName(), nextError(client).code());
    client.send(new Scrollback("no room name", null, 10));
    assertEquals(ErrorCode.NOT_IN_ROOM.wireName(), nextError(client).code());
  }

  @Test
  void searchOverTheHistoryInMemoryGivesTheBestHitsFirstWithTheirWordsMarked() throws Exception {
    WebSocketRecorder alice = extended("alice");
    say(alice, "Deploy on friday", "lunch", "deploy, deploy, DEPLOY friday", "friday only");
    alice.send(new Search(null, "friday deploy", 20));
    SearchHits found = nextHits(alice);
    assertEquals(
        List.of("deploy, deploy, DEPLOY friday", "Deploy on friday"),
        found.hits().stream().map(hit -> hit.message().message()).toList(),
        "every word in each, the one with most matches first");
    assertEquals(
        List.of(new SearchHits.Mark(0, 6), new SearchHits.Mark(8, 14), new SearchHits.Mark(16, 22), new SearchHits.Mark(23, 29)),
        found.hits().get(0).marks());
    assertEquals(RoomNames.DEFAULT_ROOM, found.hits().get(0).room());
    alice.send(new Search(null, "nowhere", 20));
    assertEquals(List.of(), nextHits(alice).hits());
  }

  @Test
  void aPageIsOneFrameOfAtMost256KibTheOldestLeftOutAndMoreSaid() throws Exception {
    WebSocketRecorder alice = extended("alice");
    // Each quote is four bytes on the wire (JSON in a JSON string): 16 KB a line, 20 lines.
    String quotes = "\"".repeat(Wire.DEFAULT_MAX_MESSAGE_CHARS);
    String[] lines = new String[20];
    java.util.Arrays.fill(lines, quotes);
    say(alice, lines);
    alice.send(new Scrollback(null, null, 1000));
    String text = alice.nextText();
    while (!text.contains("\"messageType\":\"scrollback\"")) {
      text = alice.nextText();
    }
    ScrollbackPage page = assertInstanceOf(ScrollbackPage.class, CODEC.decodeServerFrame(text));
    assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= 256 * 1024, text.length() + " chars");
    assertTrue(page.messages().size() < 20 && page.messages().size() > 10, page.messages().size() + " messages");
    assertTrue(page.more());
  }

  @Test
  void askingTooOftenIsRateLimitedAndEveryRequestIsAnswered() throws Exception {
    WebSocketRecorder alice = extended("alice");
    int asked = 12; // Five at once and one a second: only a machine stalled for 7 s answers all.
    for (int i = 0; i < asked; i++) {
      alice.send(new Scrollback(null, null, 1));
    }
    int pages = 0;
    int limited = 0;
    while (pages + limited < asked) {
      ServerFrame frame = alice.nextFrameAfterPresence(ServerFrame.class);
      if (frame instanceof ScrollbackPage) {
        pages++;
      } else if (frame instanceof ErrorReply error && error.code().equals(ErrorCode.RATE_LIMITED.wireName())) {
        limited++;
      }
    }
    assertTrue(pages >= 5, pages + " pages");
    assertTrue(limited >= 1, "none rate-limited");
  }

  @Test
  void aBaseClientThatAsksIsToldNothingAndGoesOn() throws Exception {
    WebSocketRecorder yew = chat.connect();
    ChatFixture.register(yew, "yew");
    yew.send("{\"messageType\":\"scrollback\",\"data\":\"{}\"}");
    yew.send("{\"messageType\":\"search\",\"data\":\"{\\\"words\\\":\\\"x\\\"}\"}");
    yew.send(new SendMessage("after"));
    ServerFrame next = yew.nextServerFrame();
    assertEquals("after", assertInstanceOf(ChatMessage.class, next).message());
  }

  /** A server that keeps no history, and no store: nothing to scroll back through. */
  @Nested
  class WithoutHistory {
    @RegisterExtension final ChatFixture bare = new ChatFixture(config -> config.historySize(0));

    @Test
    void scrollbackIsNotOfferedAndAskedIsAnUnknownType() throws Exception {
      WebSocketRecorder alice = bare.connectExtended();
      Welcome welcome = alice.nextFrame(Welcome.class);
      assertFalse(welcome.capabilities().contains(Wire.CAPABILITY_SCROLLBACK), welcome.toString());
      alice.send(new Register("alice"));
      alice.nextFrame(Register.class);
      alice.send(new Scrollback(null, null, 10));
      assertEquals(ErrorCode.UNKNOWN_TYPE.wireName(), nextError(alice).code());
    }

    @Test
    void searchIsNotOfferedAndAskedIsNotServed() throws Exception {
      WebSocketRecorder alice = bare.connectExtended();
      Welcome welcome = alice.nextFrame(Welcome.class);
      assertFalse(welcome.capabilities().contains(Wire.CAPABILITY_SEARCH), welcome.toString());
      alice.send(new Register("alice"));
      alice.nextFrame(Register.class);
      alice.send(new Search(null, "deploy", 20));
      assertEquals(ErrorCode.NOT_SERVED.wireName(), nextError(alice).code());
    }
  }

  private static ScrollbackPage nextPage(WebSocketRecorder client) throws InterruptedException {
    while (true) {
      if (client.nextServerFrame() instanceof ScrollbackPage page) {
        return page;
      }
    }
  }

  private static SearchHits nextHits(WebSocketRecorder client) throws InterruptedException {
    while (true) {
      if (client.nextServerFrame() instanceof SearchHits hits) {
        return hits;
      }
    }
  }

  private static ErrorReply nextError(WebSocketRecorder client) throws InterruptedException {
    while (true) {
      if (client.nextServerFrame() instanceof ErrorReply error) {
        return error;
      }
    }
  }
}
