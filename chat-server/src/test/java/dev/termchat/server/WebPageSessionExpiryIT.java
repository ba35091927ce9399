package dev.termchat.server;

import static dev.termchat.testing.ChatFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termchat.protocol.SendMessage;
import dev.termchat.protocol.Users;
import dev.termchat.testing.ChatFixture;
import dev.termchat.testing.ChatPage;
import dev.termchat.testing.CuttableProxy;
import dev.termchat.testing.MovingClock;
import dev.termchat.testing.WebSocketRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A page away longer than the server's resume window, the server running all along, in Chromium:
 * it says that its session expired, not that the server restarted (the clock the server keeps the
 * window by is moved past it, not waited out).
 */
class WebPageSessionExpiryIT {
  /** The server's --resume-window, by default. */
  private static final Duration RESUME_WINDOW = Duration.ofSeconds(120);

  private final MovingClock clock = new MovingClock(Instant.now());
  // Pings every second: the server finds the connection cut under it out within seconds.
  @RegisterExtension final ChatFixture chat = new ChatFixture(clock, config -> config.pingInterval(Duration.ofSeconds(1)));
  @RegisterExtension final ChatPage page = new ChatPage();

  @Test
  void aSessionThatExpiredIsSaidToHaveExpiredAndNotAsAfterARestart() throws Exception {
    WebSocketRecorder bob = chat.connect();
    register(bob, "bob");
    try (CuttableProxy proxy = new CuttableProxy(chat.uri())) {
      page.join(proxy.uri(chat.uri()), "ann");
      assertEquals(new Users(List.of("bob", "ann")), bob.nextFrame(Users.class));
      // The page's own join of the room (where to resume it after) and then its members come
      // through the proxy after bob hears of it: cut before they arrive, it would have nothing to resume.
      page.waitFor(() -> page.users().contains("bob"));

      proxy.cut();
      assertEquals(new Users(List.of("bob")), bob.nextFrame(Users.class), "the server let ann's connection go");
      bob.send(new SendMessage("said while ann was away"));
      bob.nextMessage();
      clock.advance(RESUME_WINDOW.plusSeconds(1));
      proxy.restore();

      page.waitFor(Duration.ofSeconds(30), () -> page.messages().contains("caught up"));
      assertEquals(
          List.of(
              "you joined as ann",
              "reconnected as ann (a new session: the server no longer knew the old one)",
              "your session had expired: you were away longer than the server holds one for",
              "caught up: 1 message you missed"),
          page.script("return [...document.querySelectorAll('#messages li.notice')].map((line) => line.textContent)"));
    }
  }
}
