package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.WebSocketRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page against a server with a store, in Chromium: the store answers one page or search of a
 * client at a time and refuses the next while the last is out, so the page sends one at a time:
 * what is asked while a search is on its way is answered after it, never refused.
 */
class WebPageStoreRecallIT {
  @TempDir Path data;

  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.data(data).historySize(3));
  @RegisterExtension final ChatPage page = new ChatPage();

  @SuppressWarnings("unchecked")
  private List<String> texts() {
    return (List<String>) page.script(
        "return [...document.querySelectorAll('#messages li[data-id]')].map((li) => li.lastChild.textContent)");
  }

  @Test
  void searchesAndAPageAskedAtOnceAreAnsweredOneAfterAnother() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    for (int i = 1; i <= 12; i++) {
      bob.send(new SendMessage("line " + i));
      bob.nextMessage();
    }
    page.join(chat.uri(), "ann");
    page.waitFor(() -> texts().contains("line 12"));
    int shown = texts().size();

    // Both in one go, neither waiting for an answer: as fast as a person cannot type, but can click.
    page.script(
        "const line = document.getElementById('line'); const form = document.getElementById('say-form');"
            + "for (const text of ['/search line 7', '/search line 8', '/history']) { line.value = text; form.requestSubmit(); }");
    page.waitFor(() -> page.messages().contains("found for \"line 7\" in #general"));
    page.waitFor(() -> page.messages().contains("found for \"line 8\" in #general"));
    page.waitFor(() -> page.messages().contains("that is all the server keeps of #general"));
    assertEquals(IntStream.rangeClosed(1, 12).mapToObj(i -> "line " + i).toList(), texts().subList(0, 12), "shown " + shown + " first");
    assertFalse(page.messages().contains("server:"), page.messages());
    assertFalse(page.messages().contains("more may hold"), page.messages());
  }

  @Test
  void historyWithACountAsksForThatMany() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    for (int i = 1; i <= 12; i++) {
      bob.send(new SendMessage("line " + i));
      bob.nextMessage();
    }
    page.join(chat.uri(), "ann");
    page.waitFor(() -> texts().contains("line 12"));
    int shown = texts().size();

    page.script("const line = document.getElementById('line'); line.value = '/history 2'; document.getElementById('say-form').requestSubmit();");
    page.waitFor(() -> texts().size() == shown + 2);
    assertEquals(IntStream.rangeClosed(11 - shown, 12).mapToObj(i -> "line " + i).toList(), texts());

    page.script("const line = document.getElementById('line'); line.value = '/history 1001'; document.getElementById('say-form').requestSubmit();");
    page.waitFor(() -> page.messages().contains("usage: /history [N], N from 1 to 1000"));
    page.script("const line = document.getElementById('line'); line.value = '/history'; document.getElementById('say-form').requestSubmit();");
    page.waitFor(() -> page.messages().contains("that is all the server keeps of #general"));
    assertEquals(IntStream.rangeClosed(1, 12).mapToObj(i -> "line " + i).toList(), texts());
  }

  @Test
  void aFullAnswerSaysMoreMayMatch() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    for (int i = 1; i <= 21; i++) {
      bob.send(new SendMessage("deploy " + i));
      bob.nextMessage();
    }
    page.join(chat.uri(), "ann");
    page.waitFor(() -> texts().contains("deploy 21"));
    page.script("const line = document.getElementById('line'); line.value = '/search deploy'; document.getElementById('say-form').requestSubmit();");
    page.waitFor(() -> page.messages().contains("the best 20 shown; more may hold those words: add a word to narrow the search"));
  }
}
