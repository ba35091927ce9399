package dev.termchat.client;

import dev.termchat.protocol.ClientFrame;
import dev.termchat.protocol.ErrorCode;
import dev.termchat.protocol.ErrorReply;
import dev.termchat.protocol.Printable;
import dev.termchat.protocol.Scrollback;
import dev.termchat.protocol.Search;
import dev.termchat.protocol.Wire;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The session's pages and searches, one out at a time: a server with a store refuses a client's
 * second while its first is unanswered ({@code rate-limited}), so the next is held until the
 * answer comes. PageUps held for the same room become one larger page, asked for before the
 * oldest line shown once the page before it is; a person pressing PageUp five times quickly
 * gets five pages' worth, not the same page five times.
 *
 * <p>Runs on the session thread alone; each field is confined to it.
 */
final class RecallRequests {
  /**
   * How long a request refused for the connection's rate of requests (5 at once, then one a
   * second) waits before it is asked again; as the page waits.
   */
  static final Duration RETRY_AFTER_RATE = Duration.ofMillis(1100);

  /** A request waiting its turn. */
  private sealed interface Held permits Page, Find {}

  /** Messages before the oldest shown in a room ({@code room} as typed, {@code named} as the frame names it). */
  private record Page(String room, String named, int count) implements Held {}

  private record Find(String named, String words) implements Held {}

  private final SessionClock clock;
  private final ChatView view;
  private final EarlierLines earlier;
  private final Consumer<ClientFrame> send;
  /** Requests waiting for the one out to be answered, oldest first. */
  private final Deque<Held> held = new ArrayDeque<>();
  /** The request sent on this connection and not yet answered; null when none. */
  private Held out;
  /** When a request last went out or was answered, by the session's clock. */
  private long lastProgress;
  private SessionClock.Timer retry;

  RecallRequests(SessionClock clock, ChatView view, EarlierLines earlier, Consumer<ClientFrame> send) {
    this.clock = clock;
    this.view = view;
    this.earlier = earlier;
    this.send = send;
    this.lastProgress = clock.nanoTime();
  }

  /** Asks for {@code count} messages before the oldest shown in the room, merged with a page held for it. */
  void page(String room, String named, int count) {
    if (held.peekLast() instanceof Page last && last.room().equals(room)) {
      held.pollLast();
      count = Math.min(Wire.MAX_SCROLLBACK, last.count() + count);
    }
    held.add(new Page(room, named, count));
    sendNext();
  }

  /** Searches the room for these words, after the requests before it. */
  void search(String named, String words) {
    held.add(new Find(named, words));
    sendNext();
  }

  /** A page or the hits came: the request out is answered. */
  void answered() {
    if (retry != null) {
      // The error taken for its refusal was another's (a rename's): it was answered after all.
      retry.cancel();
      retry = null;
      held.pollFirst();
    }
    out = null;
    lastProgress = clock.nanoTime();
    sendNext();
  }

  /**
   * An error no line or join claimed, while a request is out: the server refused it (a request
   * carries no id; one is out at a time, so it is that one). Refused for the connection's rate,
   * it is asked again a moment later, unseen; any other refusal is the person's to read.
   *
   * @return whether the error was this request's and is dealt with here, not to be shown
   */
  boolean refused(ErrorReply error) {
    if (out == null || error.clientId() != null) {
      return false;
    }
    Held refused = out;
    out = null;
    lastProgress = clock.nanoTime();
    if (ErrorCode.RATE_LIMITED.wireName().equals(error.code())) {
      held.addFirst(refused);
      out = refused; // Nothing else goes out until it is asked again.
      retry = clock.after(RETRY_AFTER_RATE.toNanos(), () -> {
        retry = null;
        out = null;
        sendNext();
      });
      return true;
    }
    sendNext();
    return false;
  }

  /**
   * A new connection: no answer to what was out will come on it, and what was held was asked of
   * the last one; the person asks again once connected.
   */
  void opened() {
    out = null;
    held.clear();
    if (retry != null) {
      retry.cancel();
      retry = null;
    }
  }

  /** Whether a request is out, unanswered: an error naming no line is then its refusal. */
  boolean asking() {
    return out != null;
  }

  /** Whether a request is out or held: piped input waits for its answers before leaving. */
  boolean waiting() {
    return out != null || !held.isEmpty();
  }

  /** When a request last went out or was answered, by the session's clock. */
  long lastProgress() {
    return lastProgress;
  }

  private void sendNext() {
    while (out == null && !held.isEmpty()) {
      Held next = held.poll();
      if (next instanceof Page page) {
        if (earlier.allShown(page.room())) {
          view.info("nothing earlier in " + Printable.escape(page.room()) + ": that is all the server keeps");
          continue;
        }
        send.accept(new Scrollback(page.named(), earlier.oldest(page.room()).orElse(null), page.count()));
      } else if (next instanceof Find find) {
        send.accept(new Search(find.named(), find.words(), Wire.DEFAULT_SEARCH_HITS));
      }
      out = next;
      lastProgress = clock.nanoTime();
    }
  }
}
