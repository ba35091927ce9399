package dev.termchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termchat.protocol.ChatMessage;
import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Scrollback;
import dev.termchat.protocol.ScrollbackPage;
import dev.termchat.protocol.Search;
import dev.termchat.protocol.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One page or search out at a time, on a clock the test moves: what is asked meanwhile is held,
 * PageUps held for a room become one page asked before the oldest line shown once the last page
 * came, and a request refused for the rate is asked again a moment later, unseen.
 */
class RecallRequestsTest {
  private final ManualClock clock = new ManualClock();
  private final RecordingView view = new RecordingView();
  private final EarlierLines earlier = new EarlierLines();
  private final List<ClientFrame> sent = new ArrayList<>();
  private final RecallRequests requests = new RecallRequests(clock, view, earlier, sent::add);

  @Test
  void pagesHeldWhileOneIsOutBecomeOnePageBeforeTheOldestThenShown() {
    earlier.shown(null, "m-60");
    requests.page("#general", null, 50);
    requests.page("#general", null, 50);
    requests.page("#general", null, 50);
    requests.search(null, "deploy");
    assertEquals(List.of(new Scrollback(null, "m-60", 50)), sent);
    assertTrue(requests.waiting());

    earlier.paged(new ScrollbackPage("#general", List.of(new ChatMessage(false, "bob", "hi", 1, null, "m-10", null)), true));
    requests.answered();
    assertEquals(new Scrollback(null, "m-10", 100), sent.get(1));
    assertEquals(2, sent.size());
    requests.answered();
    assertEquals(List.of(new Scrollback(null, "m-60", 50), new Scrollback(null, "m-10", 100), new Search(null, "deploy", Wire.DEFAULT_SEARCH_HITS)), sent);
    requests.answered();
    assertFalse(requests.waiting());
  }

  @Test
  void aRequestRefusedForTheRateIsAskedAgainAfterAMomentAndOthersFollowARefusal() {
    requests.search(null, "deploy");
    requests.search(null, "friday");
    assertTrue(requests.refused(new ErrorReply("rate-limited", "one page or search at a time")));
    assertEquals(1, sent.size());
    clock.advance(Duration.ofMillis(1000));
    assertEquals(1, sent.size(), "not yet");
    clock.advance(Duration.ofMillis(100));
    assertEquals(List.of(new Search(null, "deploy", Wire.DEFAULT_SEARCH_HITS), new Search(null, "deploy", Wire.DEFAULT_SEARCH_HITS)), sent);

    assertFalse(requests.refused(new ErrorReply("unavailable", "the store is busy")), "shown to the person");
    assertEquals(new Search(null, "friday", Wire.DEFAULT_SEARCH_HITS), sent.get(2));
    assertFalse(requests.refused(new ErrorReply("rate-limited", "too fast", "c7")), "a line's, by its id");
    assertTrue(requests.waiting());
  }

  @Test
  void aNewConnectionForgetsWhatWasOutAndHeld() {
    requests.search(null, "deploy");
    requests.page("#general", null, 50);
    requests.opened();
    assertFalse(requests.waiting());
    requests.answered();
    assertEquals(1, sent.size());
  }
}
