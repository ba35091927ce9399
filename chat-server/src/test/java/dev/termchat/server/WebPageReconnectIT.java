package dev.termchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the page says while it reconnects, and when it is back, in Chromium. */
class WebPageReconnectIT {
  @RegisterExtension final ChatFixture chat = new ChatFixture();
  @RegisterExtension final ChatPage page = new ChatPage();

  @Test
  void theWaitBeforeTheNextAttemptCountsDownEverySecond() throws Exception {
    page.join(chat.uri(), "ann");
    // Every text the status line shows, in order, as it changes.
    page.script("window.statuses = [];"
        + "new MutationObserver((records) => records.forEach((record) => window.statuses.push(record.target.textContent)))"
        + ".observe(document.getElementById('status'), { childList: true, characterData: true, subtree: true });");
    chat.server().close();
    // Attempts wait 1, 2, 4, 8 s: a count that goes down by one from one text to the next is
    // the countdown; without one, each wait shows a single figure until the next attempt.
    page.waitFor(Duration.ofSeconds(30), () -> (Boolean) page.script(
        "const seconds = window.statuses.map((text) => { const m = /; reconnecting in (\\d+) s$/.exec(text); return m ? Number(m[1]) : NaN; });"
            + "return seconds.some((n, i) => i > 0 && seconds[i - 1] === n + 1);"));
  }

  @Test
  void aPlainRestartIsSaidCalmlyAfterTheReturn() throws Exception {
    page.join(chat.uri(), "webby");
    page.say("before");
    page.waitFor(() -> (Long) page.script("return document.querySelectorAll('#messages .pending').length") == 0L);
    chat.restart();
    page.waitFor(() -> page.messages().contains("what was said before the restart is not there"));
    assertEquals(
        List.of(
            "you joined as webby",
            "the server went away (it is shutting down or restarting)",
            "reconnected as webby (a new session: the server no longer knew the old one)",
            "the server's log started again: what was said before the restart is not there"),
        page.script("return [...document.querySelectorAll('#messages li.notice')].map((line) => line.textContent)"),
        "back first, then what could be caught up; nothing about a wrong token or lost messages");
  }
}
