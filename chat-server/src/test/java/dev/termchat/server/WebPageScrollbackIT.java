package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scrollback and search on the page, in Chromium: scrolling to the top of a pane brings the
 * earlier messages in above, the view kept where it was; search hits are shown with their words
 * marked, every part as text.
 */
class WebPageScrollbackIT {
  @RegisterExtension final ChatFixture chat = new ChatFixture(config -> config.historySize(1000));
  @RegisterExtension final ChatPage page = new ChatPage();

  @SuppressWarnings("unchecked")
  private List<String> texts() {
    return (List<String>) page.script(
        "return [...document.querySelectorAll('#messages li[data-id]')].map((li) => li.lastChild.textContent)");
  }

  @Test
  void scrollingToTheTopBringsInTheEarlierMessagesAboveAndKeepsTheView() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    for (int i = 1; i <= 55; i++) { // Within the burst of bob's rate (60 frames, its register one)
      bob.send(new SendMessage("line " + i));
      bob.nextMessage(); // At the server's pace: none is dropped.
    }
    page.viewport(800, 400, false);
    page.join(chat.uri(), "ann");
    page.waitFor(() -> texts().size() == 50);
    assertEquals("line 6", texts().get(0));

    Object before = page.script(
        "const pane = document.getElementById('messages');"
            + "pane.scrollTop = 0;"
            + "const top = [...pane.querySelectorAll('li[data-id]')][0].getBoundingClientRect().top;"
            + "pane.dispatchEvent(new Event('scroll'));"
            + "return top;");
    page.waitFor(() -> texts().size() == 55);
    assertEquals(IntStream.rangeClosed(1, 55).mapToObj(i -> "line " + i).toList(), texts());
    Object after = page.script(
        "return [...document.querySelectorAll('#messages li[data-id]')].find((li) => li.lastChild.textContent === 'line 6').getBoundingClientRect().top");
    assertEquals(((Number) before).doubleValue(), ((Number) after).doubleValue(), 2.0, "the line read stays where it was");
    assertTrue(page.messages().contains("that is all the server keeps of #general"), page.messages());

    // All shown: scrolling to the top again asks for nothing more.
    page.script("const pane = document.getElementById('messages'); pane.scrollTop = 0; pane.dispatchEvent(new Event('scroll'));");
    page.say("/help");
    page.waitFor(() -> page.messages().contains("/search WORDS"));
    assertEquals(55, texts().size());
  }

  /** In the order said: the earlier messages above the notice of the person's own join, which came after them. */
  @Test
  void earlierMessagesGoAboveEverythingNewerTheOwnJoinIncluded() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    for (int i = 1; i <= 55; i++) {
      bob.send(new SendMessage("line " + i));
      bob.nextMessage();
    }
    page.viewport(800, 400, false);
    page.join(chat.uri(), "ann");
    page.waitFor(() -> texts().size() == 50);
    page.script("const pane = document.getElementById('messages'); pane.scrollTop = 0; pane.dispatchEvent(new Event('scroll'));");
    page.waitFor(() -> texts().size() == 55);
    @SuppressWarnings("unchecked")
    List<String> pane = (List<String>) page.script(
        "return [...document.querySelectorAll('#messages > li')].map((li) => li.dataset.id ? li.lastChild.textContent : li.textContent)");
    List<String> expected = new java.util.ArrayList<>(List.of("that is all the server keeps of #general"));
    IntStream.rangeClosed(1, 5).forEach(i -> expected.add("line " + i));
    expected.add("you joined as ann");
    IntStream.rangeClosed(6, 55).forEach(i -> expected.add("line " + i));
    assertEquals(expected, pane);
  }

  @Test
  void scrollingUpFasterThanTheServerAllowsLoadsEveryPageAllTheSame() throws Exception {
    // 350 lines from seven senders, each within its burst: six pages above the 50 shown, one more
    // than the five requests the server takes at once before one a second.
    for (int sender = 0; sender < 7; sender++) {
      WebSocketRecorder bob = chat.connect();
      register(bob, "bob" + sender);
      for (int i = 1; i <= 50; i++) {
        bob.send(new SendMessage("line " + sender + "." + i));
      }
      for (int i = 1; i <= 50; i++) {
        bob.nextMessage();
      }
    }
    page.viewport(800, 400, false);
    page.join(chat.uri(), "ann");
    page.waitFor(() -> texts().size() == 50);
    // Back to the top the moment a page lands, as a person turning the wheel on does.
    page.script(
        "const pane = document.getElementById('messages');"
            + "const top = () => { pane.scrollTop = 0; pane.dispatchEvent(new Event('scroll')); };"
            + "new MutationObserver(top).observe(pane, { childList: true });"
            + "top();");
    page.waitFor(Duration.ofSeconds(30), () -> texts().size() == 350);
    assertEquals("line 0.1", texts().get(0), "every page came, the refused one asked again");
  }

  @Test
  void searchShowsTheHitsOfTheHistoryInMemoryWithTheirWordsMarked() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    bob.send(new SendMessage("deploy on friday"));
    bob.nextMessage();
    bob.send(new SendMessage("lunch"));
    bob.nextMessage();
    page.join(chat.uri(), "ann");
    page.say("/search friday deploy");
    page.waitFor(() -> Boolean.TRUE.equals(page.script("return document.querySelector('#messages li.hit') !== null")));
    @SuppressWarnings("unchecked")
    List<String> marks = (List<String>) page.script(
        "return [...document.querySelectorAll('#messages li.hit mark.found')].map((m) => m.textContent)");
    assertEquals(List.of("deploy", "friday"), marks);
  }

  @Test
  void hitsShowTheirWordsMarkedAndRemoteTextStaysText() {
    page.join(chat.uri(), "ann");
    // What the page does with a hostile search answer, fed one.
    page.script(
        "const done = arguments[arguments.length - 1];"
            + "import('/scrollback.js').then((m) => {"
            + "  const s = new m.Scrollback(() => true, { room: () => null }, () => true, document.createElement('div'));"
            + "  const list = document.getElementById('messages');"
            + "  s.found({ room: '#general', words: 'deploy', hits: [{ room: '#general', id: '1-1', time: 1764151200000, from: '<b>eve</b>',"
            + "    text: 'deploy <img src=x onerror=window.owned=1> deploy', marks: [[0, 6], [42, 48], [3, 2], [43, 99]] }] },"
            + "    { notice: (t) => { const li = document.createElement('li'); li.textContent = t; list.append(li); return li; }, append: (li) => list.append(li),"
            + "      toEnd: () => {} });"
            + "  done();"
            + "});");
    @SuppressWarnings("unchecked")
    Map<String, Object> hit = (Map<String, Object>) page.script(
        "const li = document.querySelector('#messages li.hit');"
            + "return { marks: [...li.querySelectorAll('mark.found')].map((m) => m.textContent), from: li.querySelector('.from').textContent,"
            + " images: li.querySelectorAll('img, b').length, owned: window.owned === 1, text: li.textContent };");
    assertEquals(List.of("deploy", "deploy"), hit.get("marks"));
    assertEquals("<b>eve</b>", hit.get("from"));
    assertEquals(0L, hit.get("images"));
    assertEquals(false, hit.get("owned"));
    assertTrue(String.valueOf(hit.get("text")).endsWith("deploy <img src=x onerror=window.owned=1> deploy"), String.valueOf(hit.get("text")));
  }
}
