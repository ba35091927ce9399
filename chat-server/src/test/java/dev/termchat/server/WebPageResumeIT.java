package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.CuttableProxy;
import dev.termchat.testing.WebSocketRecorder;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The page picks its session up where a pulled cable left it, in Chromium. */
class WebPageResumeIT {
  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();

  /** More than the 50 of history a page asks for at each join. */
  private static final int MISSED = 60;

  @Test
  void aPageThatSawNoMessageBeforeItsCableWasPulledShowsEveryLineSaidMeanwhileOnce() throws Exception {
    WebSocketRecorder bob = chat.connect();
    assertEquals("bob", register(bob, "bob"));
    try (CuttableProxy proxy = new CuttableProxy(chat.uri())) {
      // A quiet room: the page has seen no message, only where it joined.
      page.join(proxy.uri(chat.uri()), "ann");
      page.waitFor(() -> page.users().equals(List.of("bob", "ann")));
      proxy.cut();
      page.waitFor(() -> page.status().contains("reconnecting"));
      for (int i = 1; i <= MISSED; i++) {
        bob.send(new SendMessage("line " + i));
        assertEquals("line " + i, bob.nextMessage().message());
      }
      proxy.restore();
      page.waitFor(() -> page.messages().contains("line " + MISSED));
      page.waitFor(() -> page.messages().contains("caught up: " + MISSED + " messages you missed"));
      assertEquals(
          List.of("you joined as ann", "reconnected as ann", "caught up: " + MISSED + " messages you missed"),
          page.script("return [...document.querySelectorAll('#messages li.notice')].map((line) => line.textContent)"),
          "back first, then what was caught up, as the terminal client says it");
      assertEquals(
          IntStream.rangeClosed(1, MISSED).mapToObj(i -> "line " + i).toList(),
          page.script("return [...document.querySelectorAll('#messages li:not(.notice)')].map((line) => line.lastChild.textContent)"),
          "each line once, in order");
    }
  }
}
