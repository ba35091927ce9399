package dev.termchat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.Register;
import dev.termchat.protocol.Scrollback;
import dev.termchat.protocol.ScrollbackPage;
import dev.termchat.protocol.Search;
import dev.termchat.protocol.SearchHits;
import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Welcome;
import dev.termchat.protocol.Wire;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrollback and search from a server with a store, over real sockets: pages reach back past the
 * few messages kept in memory, search finds them through the store's full-text index, and both
 * still do after a restart.
 */
class StoreRecallTest {
  @TempDir Path data;

  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.data(data).historySize(3));

  private WebSocketRecorder extended(String name) throws InterruptedException {
    WebSocketRecorder client = chat.connectExtended();
    Welcome welcome = client.nextFrame(Welcome.class);
    assertTrue(welcome.capabilities().contains(Wire.CAPABILITY_SCROLLBACK), welcome.toString());
    assertTrue(welcome.capabilities().contains(Wire.CAPABILITY_SEARCH), welcome.toString());
    client.send(new Register(name));
    client.nextFrame(Register.class);
    return client;
  }

  private static List<String> lines() {
    return IntStream.rangeClosed(1, 12).mapToObj(i -> i == 7 ? "deploy on friday, line 7" : "line " + i).toList();
  }

  @Test
  void pagesReachPastTheHistoryInMemoryAndSearchFindsWhatTheStoreKeeps() throws Exception {
    WebSocketRecorder alice = extended("alice");
    for (String line : lines()) {
      alice.send(new SendMessage(line, "c" + line.length() + line.hashCode()));
      alice.nextFrameAfterPresence(ChatMessage.class);
    }
    assertWhatTheStoreKeeps(alice);

    chat.restart();

    assertWhatTheStoreKeeps(extended("bob"));
  }

  private void assertWhatTheStoreKeeps(WebSocketRecorder client) throws InterruptedException {
    client.send(new Scrollback(null, null, 8));
    ScrollbackPage newest = nextPage(client);
    assertEquals(lines().subList(4, 12), texts(newest));
    assertTrue(newest.more());
    client.send(new Scrollback(null, newest.messages().get(0).id(), 100));
    ScrollbackPage oldest = nextPage(client);
    assertEquals(lines().subList(0, 4), texts(oldest), "past the 3 kept in memory");
    assertFalse(oldest.more());

    client.send(new Search(null, "Friday DEPLOY", 20));
    SearchHits found = nextHits(client);
    assertEquals(List.of("deploy on friday, line 7"), found.hits().stream().map(hit -> hit.message().message()).toList());
    assertEquals(List.of(new SearchHits.Mark(0, 6), new SearchHits.Mark(10, 16)), found.hits().get(0).marks());
    assertEquals("alice", found.hits().get(0).message().from());
  }

  @Test
  void aLineSentRightBehindItsRegisterIsFoundToo() throws Exception {
    // Register and line in one batch of the store's: the line's row is kept under the name the
    // room gave, which the store could not know when it wrote the batch.
    for (int i = 0; i < 5; i++) {
      WebSocketRecorder quick = chat.connectExtended();
      quick.nextFrame(Welcome.class);
      quick.send(new Register("quick" + i));
      quick.send(new SendMessage("hasty words " + i, "h" + i));
      quick.nextFrame(Register.class);
      assertEquals("hasty words " + i, nextLive(quick).message(), "echoed, after the history of those before");
    }
    WebSocketRecorder reader = extended("reader");
    reader.send(new Search(null, "hasty", 20));
    List<String> found = nextHits(reader).hits().stream().map(hit -> hit.message().from() + ": " + hit.message().message()).sorted().toList();
    assertEquals(IntStream.range(0, 5).mapToObj(i -> "quick" + i + ": hasty words " + i).toList(), found);
  }

  private static List<String> texts(ScrollbackPage page) {
    return page.messages().stream().map(ChatMessage::message).toList();
  }

  private static ChatMessage nextLive(WebSocketRecorder client) throws InterruptedException {
    while (true) {
      if (client.nextServerFrame() instanceof ChatMessage message) {
        return message;
      }
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
}
