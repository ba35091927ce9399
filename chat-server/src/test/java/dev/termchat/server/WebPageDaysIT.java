package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.SendMessage;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lines from another day say which, in Chromium: history said two days before (by the server's
 * clock, which the test moves on to now) shows its day beside its time; today's shows the time
 * alone, as before.
 */
class WebPageDaysIT {
  private static final Duration TWO_DAYS = Duration.ofDays(2);

  private final MovingClock clock = new MovingClock(Instant.now().minus(TWO_DAYS));

  @RegisterExtension final ChatFixture chat = new ChatFixture(clock, config -> config);
  @RegisterExtension final ChatPage page = new ChatPage();

  @Test
  void historyFromAnEarlierDayShowsItsDayAndTodaysTheTimeAlone() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    bob.send(new SendMessage("said two days ago"));
    long saidAt = bob.nextMessage().time();
    clock.advance(TWO_DAYS);
    bob.send(new SendMessage("said today"));
    bob.nextMessage();

    page.join(chat.uri(), "ann");
    page.waitFor(() -> times().size() == 2);
    Map<String, String> shown = times();
    String earlier = shown.get("said two days ago");
    Object day = page.script("return String(new Date(arguments[0]).getDate())", saidAt);
    assertTrue(earlier.matches(".*\\b" + day + "\\b.*\\d\\d:\\d\\d.*"), "the day and the time: " + earlier);
    assertTrue(shown.get("said today").matches("\\d\\d:\\d\\d( [AP]M)?"), "the time alone: " + shown.get("said today"));
    assertEquals(List.of("said two days ago", "said today"), List.copyOf(shown.keySet()));
  }

  /** Each line's text and the time shown beside it, in the pane's order. */
  @SuppressWarnings("unchecked")
  private Map<String, String> times() {
    List<List<String>> rows = (List<List<String>>) page.script(
        "return [...document.querySelectorAll('#messages li[data-id]')]"
            + ".map((li) => [li.lastChild.textContent, li.querySelector('.time').textContent])");
    Map<String, String> times = new java.util.LinkedHashMap<>();
    rows.forEach(row -> times.put(row.get(0), row.get(1)));
    return times;
  }
}
